/**
 * Every "Sign in with Zoom" route, called as Netlify calls it (web Request in, Response out), against the fake
 * Zoom OAuth/API server running for real on loopback. A small cookie jar plays the browser.
 */
import { describe, expect, it, vi } from 'vitest';
import callback, { config as callbackConfig } from '../../functions/auth-callback.ts';
import login, { config as loginConfig } from '../../functions/auth-login.ts';
import logout, { config as logoutConfig } from '../../functions/auth-logout.ts';
import session, { config as sessionConfig } from '../../functions/auth-session.ts';
import obf, { config as obfConfig } from '../../functions/obf.ts';
import zak, { config as zakConfig } from '../../functions/zak.ts';
import { AUTH_PATHS, ObfResponse, SessionResponse, ZakResponse } from '../../lib/auth-contract.ts';
import { ErrorBody } from '../../lib/contract.ts';
import { Browser, SITE, errorCode, fakeZoom, json, post, useSignInSite } from './auth-harness.ts';
import { TEST_KEY } from './helpers.ts';

useSignInSite();

describe('GET /api/auth/login', () => {
  it('redirects to Zoom with an S256 PKCE challenge, state and the callback URL, setting an encrypted cookie', async () => {
    const browser = new Browser();
    const res = await browser.call(login, `${SITE}/api/auth/login`);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(`${fakeZoom.baseUrl}/oauth/authorize`);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: TEST_KEY,
      redirect_uri: `${SITE}/api/auth/callback`,
      code_challenge_method: 'S256',
    });
    expect(location.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(location.searchParams.get('state')).toMatch(/^[\w-]{32}$/);
    const setCookie = res.headers.getSetCookie()[0]!;
    expect(setCookie).toMatch(
      /^__Host-zoom_oauth=[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+; Path=\/; Max-Age=600; HttpOnly; Secure; SameSite=Lax$/,
    );
    // The verifier never appears in the URL: only its hash does.
    expect(setCookie).not.toContain(location.searchParams.get('code_challenge'));
  });

  it('answers 503 JSON without SESSION_SECRET, and sends a person back to the page with the reason', async () => {
    vi.stubEnv('SESSION_SECRET', '');
    const browser = new Browser();
    const api = await browser.call(login, `${SITE}/api/auth/login`);
    expect(api.status).toBe(503);
    expect(ErrorBody.parse(await json(api)).error).toMatchObject({
      code: 'sign_in_not_configured',
      message: expect.stringContaining('SESSION_SECRET'),
    });
    const person = await browser.call(login, `${SITE}/api/auth/login?returnTo=/index.html`, {
      headers: { 'sec-fetch-mode': 'navigate' },
    });
    expect(person.status).toBe(302);
    expect(person.headers.get('location')).toBe('/index.html?signin_error=not_configured');
  });

  it('refuses a SESSION_SECRET shorter than 32 characters', async () => {
    vi.stubEnv('SESSION_SECRET', 'too-short');
    const res = await new Browser().call(session, `${SITE}/api/auth/session`);
    expect(res.status).toBe(503);
    expect(ErrorBody.parse(await json(res)).error.message).toContain('at least 32 characters');
  });

  it('sends ZOOM_OAUTH_REDIRECT_URL when set; Zoom refuses a redirect URL the app does not list', async () => {
    vi.stubEnv('ZOOM_OAUTH_REDIRECT_URL', 'https://preview--site.test/api/auth/callback');
    const res = await new Browser().call(login, `${SITE}/api/auth/login`);
    const authorize = res.headers.get('location')!;
    expect(new URL(authorize).searchParams.get('redirect_uri')).toBe('https://preview--site.test/api/auth/callback');
    const atZoom = await fetch(authorize, { redirect: 'manual' });
    expect(atZoom.status).toBe(400);
    expect(await atZoom.text()).toContain('Invalid redirect');
  });

  it('answers 405 to anything but GET', async () => {
    const res = await new Browser().call(login, `${SITE}/api/auth/login`, post());
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });
});

describe('the whole sign-in', () => {
  it('signs in, fetches a ZAK and an OBF token from Zoom, and signs out (revoking the token at Zoom)', async () => {
    const browser = new Browser();
    const back = await browser.signIn('/index.html');
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/index.html');
    expect(browser.cookies.has('__Host-zoom_oauth')).toBe(false);
    const sessionCookie = back.headers.getSetCookie().find((c) => c.startsWith('__Host-zoom_session='))!;
    expect(sessionCookie).toMatch(/; Path=\/; Max-Age=3539; HttpOnly; Secure; SameSite=Strict$/);

    const me = SessionResponse.parse(await json(await browser.call(session, `${SITE}/api/auth/session`)));
    expect(me).toMatchObject({ signedIn: true, name: 'Hanna Host', email: 'hanna.host@example.com' });

    const zakRes = await browser.call(zak, `${SITE}/api/zak`, post());
    expect(zakRes.status).toBe(200);
    expect(zakRes.headers.get('cache-control')).toBe('no-store');
    const zakBody = ZakResponse.parse(await json(zakRes));
    expect(zakBody.zak).toBe(fakeZoom.issuedZaks.at(-1));
    expect(Date.parse(zakBody.expiresAt) - Date.now()).toBeGreaterThan(7_100_000);

    const obfRes = await browser.call(obf, `${SITE}/api/obf`, post({ meetingNumber: '978 7598 1800' }));
    expect(obfRes.status).toBe(200);
    const obfBody = ObfResponse.parse(await json(obfRes));
    expect(fakeZoom.issuedObfTokens.at(-1)).toEqual({ token: obfBody.obfToken, meetingId: '97875981800' });
    expect(obfBody.meetingNumber).toBe('97875981800');

    const out = await browser.call(logout, `${SITE}/api/auth/logout`, post());
    expect(out.status).toBe(200);
    expect(browser.cookies.has('__Host-zoom_session')).toBe(false);
    expect(fakeZoom.revoked).toHaveLength(1);
    expect(SessionResponse.parse(await json(await browser.call(session, `${SITE}/api/auth/session`)))).toEqual({
      signedIn: false,
    });
    expect(await errorCode(await browser.call(zak, `${SITE}/api/zak`, post()))).toBe('not_signed_in');
  });

  it('keeps the user signed in without a name when the app lacks user:read:user', async () => {
    fakeZoom.failNext('/v2/users/me', {
      status: 400,
      body: { code: 4711, message: 'Invalid access token, does not contain scopes:[user:read:user].' },
    });
    const browser = new Browser();
    expect((await browser.signIn()).headers.get('location')).toBe('/');
    expect(SessionResponse.parse(await json(await browser.call(session, `${SITE}/api/auth/session`)))).toMatchObject({
      signedIn: true,
      name: '',
    });
  });

  it('never redirects off the site, whatever returnTo says', async () => {
    for (const returnTo of ['//evil.test/x', 'https://evil.test/', '/\\evil.test', 'javascript:alert(1)']) {
      const back = await new Browser().signIn(returnTo);
      expect(back.headers.get('location')).toBe('/');
    }
  });
});

describe('GET /api/auth/callback: refusals come back to the page as a reason, never a 500', () => {
  async function startSignIn() {
    const browser = new Browser();
    const start = await browser.call(login, `${SITE}/api/auth/login`);
    const atZoom = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    return {
      browser,
      callbackUrl: atZoom.headers.get('location')!,
      stateCookie: browser.cookies.get('__Host-zoom_oauth')!.value,
    };
  }
  const reason = (res: Response) => new URL(res.headers.get('location')!, SITE).searchParams.get('signin_error');

  it('wrong state', async () => {
    const { browser, callbackUrl } = await startSignIn();
    const forged = new URL(callbackUrl);
    forged.searchParams.set('state', 'x'.repeat(32));
    const res = await browser.call(callback, forged.href);
    expect(reason(res)).toBe('state_mismatch');
    expect(browser.cookies.has('__Host-zoom_session')).toBe(false);
  });

  it('a replayed code', async () => {
    const { browser, callbackUrl, stateCookie } = await startSignIn();
    expect(reason(await browser.call(callback, callbackUrl))).toBeNull();
    const attacker = new Browser();
    attacker.cookies.set('__Host-zoom_oauth', { value: stateCookie, path: '/' });
    expect(reason(await attacker.call(callback, callbackUrl))).toBe('code_rejected');
    expect(attacker.cookies.has('__Host-zoom_session')).toBe(false);
  });

  it('a missing, tampered or expired sign-in cookie', async () => {
    const { callbackUrl, stateCookie } = await startSignIn();
    expect(reason(await new Browser().call(callback, callbackUrl))).toBe('login_expired');
    const tampered = new Browser();
    tampered.cookies.set('__Host-zoom_oauth', { value: `${stateCookie.slice(0, -2)}AA`, path: '/' });
    expect(reason(await tampered.call(callback, callbackUrl))).toBe('login_expired');
    vi.useFakeTimers({ now: Date.now() + 601_000, toFake: ['Date'] });
    const late = new Browser();
    late.cookies.set('__Host-zoom_oauth', { value: stateCookie, path: '/' });
    expect(reason(await late.call(callback, callbackUrl))).toBe('login_expired');
  });

  it('denied consent', async () => {
    fakeZoom.consent = 'deny';
    const { browser, callbackUrl } = await startSignIn();
    expect(reason(await browser.call(callback, callbackUrl))).toBe('access_denied');
  });

  it('a verifier that does not match the challenge (PKCE), as Zoom checks it', async () => {
    const first = await startSignIn();
    const second = await startSignIn();
    // The second sign-in's cookie (its verifier) with the first sign-in's code and state: Zoom must refuse it.
    const mixed = new Browser();
    mixed.cookies.set('__Host-zoom_oauth', { value: second.stateCookie, path: '/' });
    const url = new URL(first.callbackUrl);
    url.searchParams.set('state', new URL(second.callbackUrl).searchParams.get('state')!);
    expect(reason(await mixed.call(callback, url.href))).toBe('code_rejected');
  });

  it('Zoom failing to issue tokens (500, 429)', async () => {
    for (const status of [500, 429]) {
      fakeZoom.failNext('/oauth/token', { status, body: { reason: 'Internal error' } });
      const { browser, callbackUrl } = await startSignIn();
      expect(reason(await browser.call(callback, callbackUrl))).toBe('zoom_unavailable');
    }
  });

  it('a wrong client secret is a rejected code, not a crash', async () => {
    const { browser, callbackUrl } = await startSignIn();
    vi.stubEnv('ZOOM_MEETING_SDK_SECRET', 'not-the-secret-zoom-knows-0000000');
    expect(reason(await browser.call(callback, callbackUrl))).toBe('code_rejected');
  });
});

describe('POST /api/zak and /api/obf', () => {
  async function signedIn(): Promise<Browser> {
    const browser = new Browser();
    await browser.signIn();
    return browser;
  }

  it('refuse cross-site requests (Sec-Fetch-Site or Origin) with 403', async () => {
    const browser = await signedIn();
    const crossSite = await browser.call(zak, `${SITE}/api/zak`, {
      method: 'POST',
      headers: { origin: SITE, 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    expect(await errorCode(crossSite)).toBe('cross_site_request');
    const otherOrigin = await browser.call(obf, `${SITE}/api/obf`, {
      ...post({ meetingNumber: '123456789' }),
      headers: { origin: 'https://evil.test', 'content-type': 'application/json' },
    });
    expect(otherOrigin.status).toBe(403);
    const signOut = await browser.call(logout, `${SITE}/api/auth/logout`, {
      method: 'POST',
      headers: { origin: 'https://evil.test' },
    });
    expect(signOut.status).toBe(403);
    expect(fakeZoom.issuedZaks).toHaveLength(0);
  });

  it('answer 401 without a session, with a tampered one, or with the sign-in cookie passed off as a session', async () => {
    expect((await new Browser().call(zak, `${SITE}/api/zak`, post())).status).toBe(401);
    const browser = await signedIn();
    const real = browser.cookies.get('__Host-zoom_session')!;
    browser.cookies.set('__Host-zoom_session', { ...real, value: real.value.replace(/\.[\w-]{4}/, '.AAAA') });
    expect(await errorCode(await browser.call(zak, `${SITE}/api/zak`, post()))).toBe('not_signed_in');
    const { browser: pending } = await (async () => {
      const b = new Browser();
      await b.call(login, `${SITE}/api/auth/login`);
      return { browser: b };
    })();
    const stateCookie = pending.cookies.get('__Host-zoom_oauth')!.value;
    pending.cookies.set('__Host-zoom_session', { value: stateCookie, path: '/' });
    expect((await pending.call(zak, `${SITE}/api/zak`, post())).status).toBe(401);
  });

  it('answer 401 once the session has expired', async () => {
    const browser = await signedIn();
    vi.useFakeTimers({ now: Date.now() + 3600_000, toFake: ['Date'] });
    const res = await browser.call(obf, `${SITE}/api/obf`, post({ meetingNumber: '123456789' }));
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe('not_signed_in');
  });

  it('map Zoom answering 401 (and drop the session), 429, 500 and a missing scope', async () => {
    const browser = await signedIn();
    const cases = [
      {
        status: 429,
        body: { code: 429, message: 'Too many requests' },
        headers: { 'retry-after': '7' },
        expected: [429, 'zoom_rate_limited'],
      },
      { status: 500, body: { code: 500, message: 'Internal error' }, expected: [502, 'zoom_unavailable'] },
      {
        status: 400,
        body: { code: 4711, message: 'Invalid access token, does not contain scopes:[user:read:token].' },
        expected: [502, 'zoom_missing_scope'],
      },
      { status: 401, body: { code: 124, message: 'Invalid access token.' }, expected: [401, 'zoom_session_invalid'] },
    ] as const;
    for (const { expected, ...fault } of cases) {
      fakeZoom.failNext('/v2/users/me/token', { ...fault, headers: { ...('headers' in fault ? fault.headers : {}) } });
      const res = await browser.call(zak, `${SITE}/api/zak`, post());
      expect([res.status, await errorCode(res)]).toEqual(expected);
      if (expected[1] === 'zoom_rate_limited')
        expect(ErrorBody.parse(await json(res)).error.message).toContain('retry after 7 s');
    }
    expect(browser.cookies.has('__Host-zoom_session')).toBe(false);
  });

  it('a token Zoom has revoked or expired drops the session', async () => {
    const browser = await signedIn();
    fakeZoom.expireAccessTokens();
    expect(await errorCode(await browser.call(obf, `${SITE}/api/obf`, post({ meetingNumber: '123456789' })))).toBe(
      'zoom_session_invalid',
    );
    expect(browser.cookies.has('__Host-zoom_session')).toBe(false);
  });

  it('validate the OBF request with the contract, naming the field', async () => {
    const browser = await signedIn();
    const bad = await browser.call(obf, `${SITE}/api/obf`, post({ meetingNumber: '12' }));
    expect(bad.status).toBe(400);
    expect(ErrorBody.parse(await json(bad)).error.fields).toHaveProperty('meetingNumber');
    const extra = await browser.call(obf, `${SITE}/api/obf`, post({ meetingNumber: '123456789', zak: 'x' }));
    expect(ErrorBody.parse(await json(extra)).error.fields).toHaveProperty('zak');
    const text = await browser.call(obf, `${SITE}/api/obf`, { method: 'POST', body: 'meetingNumber=123456789' });
    expect(text.status).toBe(415);
  });

  it('apply ZOOM_ALLOWED_MEETINGS to OBF tokens too', async () => {
    vi.stubEnv('ZOOM_ALLOWED_MEETINGS', '111 222 333');
    const browser = await signedIn();
    const res = await browser.call(obf, `${SITE}/api/obf`, post({ meetingNumber: '123456789' }));
    expect(res.status).toBe(403);
    expect(fakeZoom.issuedObfTokens).toHaveLength(0);
  });

  it('answer 405 to GET and 503 without SESSION_SECRET', async () => {
    expect((await new Browser().call(zak, `${SITE}/api/zak`)).status).toBe(405);
    vi.stubEnv('SESSION_SECRET', '');
    expect((await new Browser().call(obf, `${SITE}/api/obf`, post({ meetingNumber: '123456789' }))).status).toBe(503);
  });
});

describe('config', () => {
  it('pins every route to the contract’s path (Netlify reads config statically) and rate-limits token routes per IP', () => {
    expect(loginConfig.path).toBe(AUTH_PATHS.login);
    expect(callbackConfig.path).toBe(AUTH_PATHS.callback);
    expect(sessionConfig.path).toBe(AUTH_PATHS.session);
    expect(logoutConfig.path).toBe(AUTH_PATHS.logout);
    expect(zakConfig.path).toBe(AUTH_PATHS.zak);
    expect(obfConfig.path).toBe(AUTH_PATHS.obf);
    for (const config of [loginConfig, callbackConfig, zakConfig, obfConfig]) {
      expect(config.rateLimit).toEqual({ windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'] });
    }
  });
});
