/**
 * Issue #13, one test per defence: each fails without it. The routes run as Netlify calls them, against the fake
 * Zoom on loopback; the cookie jar plays the browser.
 */
import { readdirSync } from 'node:fs';
import { jwtDecrypt, EncryptJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import callback from '../../functions/auth-callback.ts';
import cspReport from '../../functions/csp-report.ts';
import logout from '../../functions/auth-logout.ts';
import session from '../../functions/auth-session.ts';
import zak from '../../functions/zak.ts';
import type { Context } from '@netlify/functions';
import signatureHandler from '../../functions/signature.ts';
import { decrypt, encrypt } from '../../functions/_lib/jwe.ts';
import { readSessionKey } from '../../functions/_lib/session.ts';
import { SessionResponse, safeReturnPath } from '../../lib/auth-contract.ts';
import { Browser, SITE, SESSION_SECRET, errorCode, fakeZoom, json, post, useSignInSite } from './auth-harness.ts';
import { signatureRequest } from './helpers.ts';

useSignInSite();

const reason = (res: Response) => new URL(res.headers.get('location')!, SITE).searchParams.get('signin_error');
const signedIn = async (browser: Browser) =>
  SessionResponse.parse(await json(await browser.call(session, `${SITE}/api/auth/session`))).signedIn;

describe('the OAuth state check', () => {
  it('compares any two strings without throwing: 32 × "é" is a mismatch, not a 500', async () => {
    const browser = new Browser();
    await browser.call((await import('../../functions/auth-login.ts')).default, `${SITE}/api/auth/login`);
    for (const state of ['é'.repeat(32), '😀'.repeat(16), 'x'.repeat(31), '']) {
      const res = await browser.call(callback, `${SITE}/api/auth/callback?code=c&state=${encodeURIComponent(state)}`);
      expect(res.status).toBe(302);
      expect(['state_mismatch', 'login_expired']).toContain(reason(res));
    }
  });
});

describe('cookies', () => {
  it('are __Host- cookies: Secure, Path=/, no Domain; the session is SameSite=Strict', async () => {
    const back = await new Browser().signIn();
    const cookie = back.headers.getSetCookie().find((c) => c.startsWith('__Host-zoom_session='))!;
    expect(cookie).toMatch(/; Path=\/; Max-Age=\d+; HttpOnly; Secure; SameSite=Strict$/);
    expect(cookie).not.toMatch(/Domain=/i);
  });

  it('named twice are refused: a planted second session or sign-in cookie is never chosen', async () => {
    const victim = new Browser();
    await victim.signIn();
    const real = victim.cookies.get('__Host-zoom_session')!.value;
    const attacker = new Browser();
    await attacker.signIn();
    const planted = attacker.cookies.get('__Host-zoom_session')!.value;
    const res = await session(
      new Request(`${SITE}/api/auth/session`, {
        headers: { cookie: `__Host-zoom_session=${planted}; __Host-zoom_session=${real}` },
      }),
    );
    expect(SessionResponse.parse(await json(res)).signedIn).toBe(false);
    const zakRes = await zak(
      new Request(`${SITE}/api/zak`, {
        method: 'POST',
        headers: {
          cookie: `__Host-zoom_session=${real}; __Host-zoom_session=${real}`,
          origin: SITE,
          'sec-fetch-site': 'same-origin',
        },
      }),
    );
    expect(zakRes.status).toBe(401);
  });

  it('too large to be kept by a browser end the sign-in with a clear reason (and the token is revoked), not a silent drop', async () => {
    const user = fakeZoom.user;
    fakeZoom.user = { display_name: 'N'.repeat(5000), email: 'long.name@example.com' };
    const back = await new Browser().signIn().finally(() => (fakeZoom.user = user));
    expect(reason(back)).toBe('session_too_large');
    expect(back.headers.getSetCookie().some((c) => c.startsWith('__Host-zoom_session='))).toBe(false);
    expect(fakeZoom.revoked).toHaveLength(1);
  });

  it('survive a SESSION_SECRET rotation while SESSION_SECRET_PREVIOUS holds the old one, and can still be revoked', async () => {
    const browser = new Browser();
    await browser.signIn();
    vi.stubEnv('SESSION_SECRET', 'the-next-session-secret-0123456789-abcdef');
    expect(await signedIn(browser)).toBe(false);
    vi.stubEnv('SESSION_SECRET_PREVIOUS', SESSION_SECRET);
    expect(await signedIn(browser)).toBe(true);
    const out = await browser.call(logout, `${SITE}/api/auth/logout`, post());
    expect(out.status).toBe(200);
    expect(fakeZoom.revoked).toHaveLength(1);
  });

  it('are standard JWE (dir + A256GCM): jose opens ours, ours opens jose’s, an altered one opens for neither', async () => {
    const key = readSessionKey();
    if (!key.ok) throw new Error('no key');
    const ours = encrypt({ aud: 'session', at: 'a', exp: 4_000_000_000 }, key.keys.current);
    const { payload } = await jwtDecrypt(ours, key.keys.current);
    expect(payload).toMatchObject({ aud: 'session', at: 'a' });
    const theirs = await new EncryptJWT({ at: 'b' })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .encrypt(key.keys.current);
    expect(decrypt(theirs, key.keys.current)).toMatchObject({ at: 'b' });
    const parts = ours.split('.');
    parts[3] = `${parts[3]!.slice(0, -2)}AA`;
    expect(decrypt(parts.join('.'), key.keys.current)).toBeNull();
    expect(decrypt(ours, new Uint8Array(32))).toBeNull();
  });
});

describe('returnTo', () => {
  it('goes only to page paths: never under /api/ (a login loop), however it is spelled', () => {
    for (const value of ['/api/auth/login', '/api', '/API/zak', '/./api/auth/login', '/x/../api/auth/login', '/api/']) {
      expect(safeReturnPath(value), value).toBe('/');
    }
    expect(safeReturnPath('/j/123456789')).toBe('/j/123456789');
    expect(safeReturnPath('/apiary')).toBe('/apiary');
  });

  it('a sign-in started with returnTo=/api/auth/login comes back to the page', async () => {
    const back = await new Browser().signIn('/api/auth/login');
    expect(back.headers.get('location')).toBe('/');
  });
});

describe('rate limits', () => {
  it('every function has one, per client IP (aggregateBy an array: a string is silently replaced by ["domain"])', async () => {
    const names = readdirSync('functions').filter((file) => file.endsWith('.ts'));
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const name of names) {
      const { config } = (await import(`../../functions/${name}`)) as {
        config: { rateLimit?: { windowLimit: number; aggregateBy: unknown } };
      };
      expect(config.rateLimit?.aggregateBy, name).toEqual(['ip', 'domain']);
      expect(config.rateLimit?.windowLimit, name).toBeGreaterThan(0);
    }
  });
});

// The signer ignores its context; the tests pass none.
const signature = (req: Request) => signatureHandler(req, {} as Context);

describe('host signatures only for a signed-in host (ZOOM_HOST_SIGNATURES=signed-in)', () => {
  const sign = (browser: Browser, role: 0 | 1) =>
    browser.call(signature, `${SITE}/api/signature`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ meetingNumber: '123456789', role }),
    });

  it('is off by default: role 1 is signed for anyone (starting still needs the host’s ZAK)', async () => {
    expect((await signature(signatureRequest({ meetingNumber: '123456789', role: 1 }))).status).toBe(200);
  });

  it('when on: 403 host_sign_in_required without a sign-in, 200 with one; attendees unaffected', async () => {
    vi.stubEnv('ZOOM_HOST_SIGNATURES', 'signed-in');
    const stranger = new Browser();
    const refused = await sign(stranger, 1);
    expect(refused.status).toBe(403);
    expect(await errorCode(refused)).toBe('host_sign_in_required');
    expect((await sign(stranger, 0)).status).toBe(200);
    const host = new Browser();
    await host.signIn();
    expect((await sign(host, 1)).status).toBe(200);
  });

  it('when on without SESSION_SECRET: 503 naming it, never a signature', async () => {
    vi.stubEnv('ZOOM_HOST_SIGNATURES', 'signed-in');
    vi.stubEnv('SESSION_SECRET', '');
    const res = await sign(new Browser(), 1);
    expect(res.status).toBe(503);
    expect(await errorCode(res)).toBe('sign_in_not_configured');
  });
});

describe('POST /api/csp-report', () => {
  const report = (type: string, body: unknown) =>
    cspReport(
      new Request(`${SITE}/api/csp-report`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );

  it('takes both report formats, answers 204 and logs one compact line per violation, without query strings', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const legacy = await report('application/csp-report', {
      'csp-report': {
        'document-uri': `${SITE}/?signin_error=x#frag`,
        'effective-directive': 'script-src-elem',
        'blocked-uri': 'https://evil.test/x.js?token=abc',
        disposition: 'enforce',
      },
    });
    expect(legacy.status).toBe(204);
    const modern = await report('application/reports+json', [
      {
        type: 'csp-violation',
        body: {
          documentURL: `${SITE}/meeting.html?left`,
          effectiveDirective: 'connect-src',
          blockedURL: 'wss://zoomfsn.zoom.us/wc/media?zak=secret',
          disposition: 'report',
        },
      },
      { type: 'deprecation', body: {} },
    ]);
    expect(modern.status).toBe(204);
    const all = log.mock.calls.map(([line]) => String(line));
    log.mockRestore();
    // Beside each request's own line (functions/_lib/request-log.ts), one line per violation.
    const lines = all.filter((line) => line.startsWith('{"csp":'));
    expect(
      all.filter((line) => !lines.includes(line)).map((line) => JSON.parse(line) as { route: string; status: number }),
    ).toEqual([
      expect.objectContaining({ route: '/api/csp-report', status: 204 }),
      expect.objectContaining({ route: '/api/csp-report', status: 204 }),
    ]);
    expect(lines).toEqual([
      JSON.stringify({
        csp: { disposition: 'enforce', directive: 'script-src-elem', blocked: 'https://evil.test/x.js', page: '/' },
      }),
      JSON.stringify({
        csp: {
          disposition: 'report',
          directive: 'connect-src',
          blocked: 'wss://zoomfsn.zoom.us/wc/media',
          page: '/meeting.html',
        },
      }),
    ]);
  });

  it('refuses what is not a report: 415, 413, 400 naming the body, 405', async () => {
    expect((await report('text/plain', '{}')).status).toBe(415);
    expect((await report('application/csp-report', 'x'.repeat(17_000))).status).toBe(413);
    const notReport = await report('application/csp-report', { hello: 1 });
    expect(notReport.status).toBe(400);
    expect(await json(notReport)).toMatchObject({
      error: { code: 'invalid_request', fields: { body: ['is not a CSP violation report'] } },
    });
    expect((await report('application/csp-report', '{')).status).toBe(400);
    const get = await cspReport(new Request(`${SITE}/api/csp-report`));
    expect(get.status).toBe(405);
  });
});
