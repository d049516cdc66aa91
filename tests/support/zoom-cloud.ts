import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Request as PwRequest } from '@playwright/test';
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
} satisfies Record<string, WcInfoAnswer>;

/** The CDNs of lib/zoom-cloud.ts, each serving the installed package's files as Zoom's would. */
const ZOOM_CDN_HOSTS = new Set(['source.zoom.us', 'source.zoomgov.com', 'jssdk.zoomus.cn', 'dmogdx0jrul3u.cloudfront.net']);
/** Where joins go: Zoom's commercial cloud, and Zoom for Government's. */
const ZOOM_WEB_ENDPOINTS = new Set(['zoom.us', 'www.zoomgov.com']);

/**
 * Zoom's cloud, faked at the network edge and nowhere else: the SDK's assets come from the installed
 * package (as `source.zoom.us` would serve them) and `wc/info` answers as configured. Anything else
 * that leaves the machine is refused, so a test can never depend on the internet.
 */
export class ZoomCloud {
  answer: WcInfoAnswer = ZOOM_ANSWERS.wrongPasscode;
  readonly wcInfoRequests: PwRequest[] = [];
  /** When each wc/info request arrived (ms since epoch), to check the join rate limit. */
  readonly wcInfoTimes: number[] = [];
  readonly refused: string[] = [];
  /** Every request for one of Zoom's CDNs, by URL (none when a build self-hosts the SDK's assets). */
  readonly cdnRequests: string[] = [];

  constructor(private readonly page: Page) {}

  async install(): Promise<void> {
    await this.page.route(/^https?:\/\/(?!localhost[:/]|127\.0\.0\.1[:/])/, async (route) => {
      const request = route.request();
      const url = new URL(request.url());
      const origin = (await request.headerValue('origin')) ?? new URL(this.page.url()).origin;
      if (ZOOM_CDN_HOSTS.has(url.hostname)) {
        this.cdnRequests.push(url.href);
        const file = join(SDK_DIST, url.pathname.replace(/^\/\d+\.\d+\.\d+\//, ''));
        if (existsSync(file) && statSync(file).isFile()) {
          // No Cross-Origin-Resource-Policy: the page's COEP (credentialless) must not depend on the CDN sending it.
          return route.fulfill({ path: file, headers: { 'access-control-allow-origin': '*' } });
        }
        return route.fulfill({ status: 404, body: 'not in the package' });
      }
      if (ZOOM_WEB_ENDPOINTS.has(url.hostname) && url.pathname === '/api/v1/wc/info') {
        const cors = { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' };
        if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
        this.wcInfoRequests.push(request);
        this.wcInfoTimes.push(Date.now());
        return route.fulfill({ status: 200, contentType: 'application/json', headers: cors, body: JSON.stringify(this.answer) });
      }
      this.refused.push(url.href);
      return route.abort('blockedbyclient');
    });
  }

  /** The form fields the SDK sent to Zoom with the last join. */
  lastJoin(): URLSearchParams {
    const request = this.wcInfoRequests.at(-1);
    if (!request) throw new Error('The SDK made no wc/info request');
    return new URLSearchParams(request.postData() ?? '');
  }
}
