/**
 * Zoom's OAuth server and the two REST endpoints the site uses, as a real HTTP server on loopback. It checks what
 * Zoom checks: the client's credentials (Basic auth), the redirect URI registered for the app, single-use codes,
 * and the PKCE verifier against the challenge of the authorization request.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeZoomApp {
  clientId: string;
  clientSecret: string;
  /** The app's OAuth redirect URL as registered in the Marketplace. */
  redirectUri: string;
}

export interface FakeZoomUser {
  display_name: string;
  email: string;
}

interface PendingCode {
  challenge: string;
  redirectUri: string;
  used: boolean;
  expiresAt: number;
}

interface Fault {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const token = (prefix: string) => `${prefix}-${randomBytes(12).toString('base64url')}`;

export class FakeZoom {
  /** What the user does on Zoom's consent page. */
  consent: 'allow' | 'deny' = 'allow';
  user: FakeZoomUser = { display_name: 'Hanna Host', email: 'hanna.host@example.com' };
  /** Seconds the issued access tokens live (Zoom: 3599). */
  accessTokenLifetime = 3599;
  readonly issuedZaks: string[] = [];
  readonly issuedObfTokens: Array<{ token: string; meetingId: string }> = [];
  readonly revoked: string[] = [];

  private readonly codes = new Map<string, PendingCode>();
  private readonly accessTokens = new Map<string, number>();
  private readonly faults = new Map<string, Fault[]>();
  private server: Server | undefined;

  constructor(readonly app: FakeZoomApp) {}

  /** Starts listening on 127.0.0.1 (port 0: any free port) and returns the base URL for both OAuth and API. */
  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => send(res, 500, { reason: 'fake server failure' }));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', resolve);
    });
    return this.baseUrl;
  }

  get baseUrl(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('The fake Zoom is not running');
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  /** The next request to `path` gets this answer instead (e.g. Zoom's 401, 429 or 500). */
  failNext(path: string, fault: Fault): void {
    this.faults.set(path, [...(this.faults.get(path) ?? []), fault]);
  }

  /** Every access token issued so far stops working, as when Zoom's hour is up or the user signs out everywhere. */
  expireAccessTokens(): void {
    for (const key of this.accessTokens.keys()) this.accessTokens.set(key, 0);
  }

  reset(): void {
    this.consent = 'allow';
    this.faults.clear();
    for (const list of [this.issuedZaks, this.issuedObfTokens, this.revoked]) list.length = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const fault = this.faults.get(url.pathname)?.shift();
    if (fault) return send(res, fault.status, fault.body, fault.headers);
    const body = req.method === 'POST' ? await readBody(req) : '';

    if (req.method === 'GET' && url.pathname === '/oauth/authorize') return this.authorize(url, res);
    if (req.method === 'POST' && url.pathname === '/oauth/token')
      return this.token(req, new URLSearchParams(body), res);
    if (req.method === 'POST' && url.pathname === '/oauth/revoke')
      return this.revoke(req, new URLSearchParams(body), res);
    if (req.method === 'GET' && url.pathname.startsWith('/v2/')) return this.api(req, url, res);
    return send(res, 404, { code: 404, message: 'Not found' });
  }

  private authorize(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    // Zoom shows its own error page (no redirect) when the client or the redirect URI is wrong.
    if (q.get('client_id') !== this.app.clientId) return sendText(res, 400, 'Invalid client_id');
    if (q.get('redirect_uri') !== this.app.redirectUri)
      return sendText(res, 400, 'Invalid redirect: not in the app’s allow list');
    if (q.get('response_type') !== 'code') return sendText(res, 400, 'Unsupported response_type');
    const challenge = q.get('code_challenge');
    if (!challenge || q.get('code_challenge_method') !== 'S256')
      return sendText(res, 400, 'PKCE S256 challenge required');
    const back = new URL(this.app.redirectUri);
    const state = q.get('state');
    if (state !== null) back.searchParams.set('state', state);
    if (this.consent === 'deny') {
      back.searchParams.set('error', 'access_denied');
    } else {
      const code = token('code');
      this.codes.set(code, {
        challenge,
        redirectUri: this.app.redirectUri,
        used: false,
        expiresAt: Date.now() + 300_000,
      });
      back.searchParams.set('code', code);
    }
    res.writeHead(302, { location: back.href }).end();
  }

  private clientAuthenticated(req: IncomingMessage): boolean {
    const expected = `Basic ${Buffer.from(`${this.app.clientId}:${this.app.clientSecret}`).toString('base64')}`;
    return req.headers.authorization === expected;
  }

  private token(req: IncomingMessage, form: URLSearchParams, res: ServerResponse): void {
    if (!this.clientAuthenticated(req))
      return send(res, 401, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
    if (form.get('grant_type') !== 'authorization_code')
      return send(res, 400, { reason: 'Unsupported grant type', error: 'unsupported_grant_type' });
    const pending = this.codes.get(form.get('code') ?? '');
    if (!pending || pending.used || pending.expiresAt < Date.now()) {
      return send(res, 400, { reason: 'Invalid authorization code', error: 'invalid_grant' });
    }
    pending.used = true;
    if (form.get('redirect_uri') !== pending.redirectUri)
      return send(res, 400, { reason: 'Redirect URI mismatch.', error: 'invalid_request' });
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== pending.challenge) {
      return send(res, 400, { reason: 'Invalid code_verifier', error: 'invalid_request' });
    }
    const accessToken = token('access');
    this.accessTokens.set(accessToken, Date.now() + this.accessTokenLifetime * 1000);
    send(res, 200, {
      access_token: accessToken,
      token_type: 'bearer',
      refresh_token: token('refresh'),
      expires_in: this.accessTokenLifetime,
      scope: 'user:read:user user:read:token',
    });
  }

  private revoke(req: IncomingMessage, form: URLSearchParams, res: ServerResponse): void {
    if (!this.clientAuthenticated(req))
      return send(res, 401, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
    const revoked = form.get('token') ?? '';
    this.accessTokens.delete(revoked);
    this.revoked.push(revoked);
    send(res, 200, { status: 'success' });
  }

  private api(req: IncomingMessage, url: URL, res: ServerResponse): void {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if ((this.accessTokens.get(bearer) ?? 0) < Date.now())
      return send(res, 401, { code: 124, message: 'Invalid access token.' });
    if (url.pathname === '/v2/users/me') return send(res, 200, { id: 'fake-user-id', ...this.user });
    if (url.pathname !== '/v2/users/me/token') return send(res, 404, { code: 1001, message: 'Not found.' });
    const type = url.searchParams.get('type');
    if (type === 'zak') {
      const zak = token('zak');
      this.issuedZaks.push(zak);
      return send(res, 200, { token: zak });
    }
    if (type === 'onbehalf') {
      const meetingId = url.searchParams.get('meeting_id');
      if (!meetingId) return send(res, 400, { code: 300, message: 'meeting_id is required for type onbehalf.' });
      const obf = token('obf');
      this.issuedObfTokens.push({ token: obf, meetingId });
      return send(res, 200, { token: obf });
    }
    return send(res, 400, { code: 300, message: `Invalid type: ${type}` });
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
}
