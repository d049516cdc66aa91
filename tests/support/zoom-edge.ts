import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EdgeReply, EdgeRequest } from './engines/engine.ts';
import { SDK_DIST } from './zoom-sdk-package.ts';

/** What Zoom's `POST /api/v1/wc/info` answers; the SDK turns it into a join error code. */
interface WcInfoAnswer {
  status: boolean;
  errorCode: number;
  errorMessage: string;
  result: unknown;
}

export const ZOOM_ANSWERS = {
  invalidSignature: { status: false, errorCode: 200, errorMessage: 'Invalid signature.', result: null },
  expiredSignature: { status: false, errorCode: 200, errorMessage: 'The signature has expired.', result: null },
  meetingNotFound: { status: false, errorCode: 3001, errorMessage: 'Meeting does not exist.', result: null },
  wrongPasscode: { status: false, errorCode: 3004, errorMessage: 'Meeting Passcode wrong.', result: null },
  notStarted: { status: false, errorCode: 3008, errorMessage: 'Meeting has not started.', result: null },
} satisfies Record<string, WcInfoAnswer>;

/** The CDNs of lib/zoom-cloud.ts, each serving the installed package's files as Zoom's would. */
const ZOOM_CDN_HOSTS = new Set([
  'source.zoom.us',
  'source.zoomgov.com',
  'jssdk.zoomus.cn',
  'dmogdx0jrul3u.cloudfront.net',
]);
/** Where joins go: Zoom's commercial cloud, and Zoom for Government's. */
const ZOOM_WEB_ENDPOINTS = new Set(['zoom.us', 'www.zoomgov.com']);

const isZoom = (hostname: string) => ZOOM_CDN_HOSTS.has(hostname) || ZOOM_WEB_ENDPOINTS.has(hostname);

/**
 * Zoom's cloud at the network edge, for any engine (each driver hands it what leaves the browser): the SDK's files
 * come from the installed package (as `source.zoom.us` would serve them) and `wc/info` answers as configured.
 * Anything else that leaves the machine is refused, so a test can never depend on the internet. The faults a
 * corporate network produces can be switched on: a CDN that refuses or drops connections, one file that never
 * arrives, a wc/info request that is never answered.
 */
export class ZoomEdge {
  answer: WcInfoAnswer = ZOOM_ANSWERS.wrongPasscode;
  /** Answers for the next joins, one each, before `answer` (a meeting that starts while the page waits). */
  nextAnswers: WcInfoAnswer[] = [];
  /** Zoom's CDN: serving, refusing connections, or dropping them (a firewall: no answer at all). */
  cdn: 'serve' | 'refuse' | 'hang' = 'serve';
  /** One CDN file that never arrives while the rest are served (matched against the URL's path). */
  stalledFile: RegExp | undefined;
  /** A slow network: every answer from Zoom (its CDN's files, its web server's) arrives this many ms late, yet arrives. */
  delayMs = 0;
  /** `hang`: Zoom's web server never answers the join. */
  wcInfo: 'answer' | 'hang' = 'answer';
  readonly wcInfoRequests: EdgeRequest[] = [];
  /** When each wc/info request arrived (ms since epoch), to check the join rate limit. */
  readonly wcInfoTimes: number[] = [];
  readonly refused: string[] = [];
  /** Every request for one of Zoom's CDNs, by URL (none when a build self-hosts the SDK's assets). */
  readonly cdnRequests: string[] = [];

  /** `origin`: the page's, for a request that carries none. */
  reply(request: EdgeRequest, origin = request.headers.origin ?? '*'): EdgeReply | Promise<EdgeReply> {
    const reply = this.replyAtOnce(request, origin);
    if (!this.delayMs || !isZoom(request.url.hostname)) return reply;
    return new Promise((resolve) => setTimeout(resolve, this.delayMs, reply));
  }

  private replyAtOnce(request: EdgeRequest, origin: string): EdgeReply {
    const { url } = request;
    if (ZOOM_CDN_HOSTS.has(url.hostname)) {
      this.cdnRequests.push(url.href);
      if (this.cdn !== 'serve') return { kind: this.cdn };
      if (this.stalledFile?.test(url.pathname)) return { kind: 'hang' };
      const file = join(SDK_DIST, url.pathname.replace(/^\/\d+\.\d+\.\d+\//, ''));
      // No Cross-Origin-Resource-Policy: the frames' COEP must not depend on the CDN sending it. CORS, as Zoom's CDN
      // answers it: under require-corp (WebKit) the SDK asks for its files in CORS mode.
      if (existsSync(file) && statSync(file).isFile())
        return { kind: 'file', path: file, headers: { 'access-control-allow-origin': '*' } };
      return {
        kind: 'respond',
        status: 404,
        headers: { 'access-control-allow-origin': '*' },
        body: 'not in the package',
      };
    }
    if (ZOOM_WEB_ENDPOINTS.has(url.hostname) && url.pathname === '/api/v1/wc/info') {
      const cors = { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' };
      if (request.method === 'OPTIONS') {
        const asked = request.headers['access-control-request-headers'];
        return {
          kind: 'respond',
          status: 204,
          headers: { ...cors, ...(asked ? { 'access-control-allow-headers': asked } : {}) },
          body: '',
        };
      }
      this.wcInfoRequests.push(request);
      this.wcInfoTimes.push(Date.now());
      if (this.wcInfo === 'hang') return { kind: 'hang' };
      return {
        kind: 'respond',
        status: 200,
        headers: { ...cors, 'content-type': 'application/json' },
        body: JSON.stringify(this.nextAnswers.shift() ?? this.answer),
      };
    }
    this.refused.push(url.href);
    return { kind: 'refuse' };
  }

  /** The form fields the SDK sent to Zoom with the last join. */
  lastJoin(): URLSearchParams {
    const request = this.wcInfoRequests.at(-1);
    if (!request) throw new Error('The SDK made no wc/info request');
    return new URLSearchParams(request.body);
  }
}
