/**
 * The harness of the sign-in tests: the fake Zoom OAuth/API server running for real on loopback, the site's
 * environment, and a small cookie jar that plays the browser.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from 'vitest';
import callback from '../../functions/auth-callback.ts';
import login from '../../functions/auth-login.ts';
import { AUTH_PATHS } from '../../lib/auth-contract.ts';
import { ErrorBody } from '../../lib/contract.ts';
import { FakeZoom } from '../fake-zoom/server.ts';
import { TEST_KEY, TEST_SECRET } from './helpers.ts';

export const SITE = 'https://site.test';
export const SESSION_SECRET = 'unit-session-secret-0123456789-abcdefghij';
export const fakeZoom = new FakeZoom({
  clientId: TEST_KEY,
  clientSecret: TEST_SECRET,
  redirectUri: `${SITE}/api/auth/callback`,
});

export type Handler = (req: Request) => Promise<Response>;

/** The browser's cookie jar, reduced to what these routes use: name, value, path, deletion by Max-Age=0. */
export class Browser {
  cookies = new Map<string, { value: string; path: string }>();
  /** Every body any route answered, to check none carries a secret. */
  static bodies: string[] = [];

  store(res: Response): void {
    for (const header of res.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';').map((part) => part.trim());
      const [name, ...value] = pair!.split('=');
      const path = attributes.find((a) => a.startsWith('Path='))?.slice(5) ?? '/';
      if (attributes.includes('Max-Age=0')) this.cookies.delete(name!);
      else this.cookies.set(name!, { value: value.join('='), path });
    }
  }

  cookieHeader(url: string): string {
    const path = new URL(url).pathname;
    return [...this.cookies]
      .filter(([, cookie]) => cookie.path === '/' || path === cookie.path || path.startsWith(`${cookie.path}/`))
      .map(([name, cookie]) => `${name}=${cookie.value}`)
      .join('; ');
  }

  async call(handler: Handler, url: string, init: RequestInit & { crossSite?: boolean } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(url);
    if (cookie) headers.set('cookie', cookie);
    if (init.method === 'POST' && !headers.has('origin')) {
      headers.set('origin', SITE);
      headers.set('sec-fetch-site', 'same-origin');
    }
    const res = await handler(new Request(url, { ...init, headers }));
    this.store(res);
    Browser.bodies.push(await res.clone().text());
    return res;
  }

  /** Sign-in as a person does it: our login route, Zoom's authorize page, back to our callback. */
  async signIn(returnTo = '/'): Promise<Response> {
    const start = await this.call(login, `${SITE}${AUTH_PATHS.login}?returnTo=${encodeURIComponent(returnTo)}`, {
      headers: { 'sec-fetch-mode': 'navigate' },
    });
    expect(start.status).toBe(302);
    const atZoom = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    expect(atZoom.status).toBe(302);
    return this.call(callback, atZoom.headers.get('location')!);
  }
}

export const json = async (res: Response) => JSON.parse(await res.clone().text()) as unknown;
export const errorCode = async (res: Response) => ErrorBody.parse(await json(res)).error.code;
export const post = (body?: unknown): RequestInit => ({
  method: 'POST',
  ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
});

/** Starts the fake Zoom for the calling test file and gives every test the site's environment. */
export function useSignInSite(): void {
  beforeAll(async () => {
    const base = await fakeZoom.start();
    process.env['ZOOM_OAUTH_BASE_URL'] = base;
    process.env['ZOOM_API_BASE_URL'] = base;
  });
  afterAll(async () => {
    await fakeZoom.stop();
    // No answer of any route in this file, error or success, may carry a secret.
    for (const body of Browser.bodies) {
      expect(body).not.toContain(TEST_SECRET);
      expect(body).not.toContain(SESSION_SECRET);
      expect(body).not.toMatch(/access-[\w-]{10,}|refresh-[\w-]{10,}/);
    }
  });
  beforeEach(() => {
    fakeZoom.reset();
    vi.stubEnv('ZOOM_MEETING_SDK_KEY', TEST_KEY);
    vi.stubEnv('ZOOM_MEETING_SDK_SECRET', TEST_SECRET);
    vi.stubEnv('SESSION_SECRET', SESSION_SECRET);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.useRealTimers();
  });
}
