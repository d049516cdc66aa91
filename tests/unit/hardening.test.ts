/**
 * Issue #23, one describe per finding, each with the attack or the careless setting that reproduced it and its
 * neighbours: every test here failed before its fix. The routes run as Netlify calls them, against the fake Zoom on
 * loopback; the cookie jar plays the browser.
 */
import type { Context } from '@netlify/functions';
import fc from 'fast-check';
import { build } from 'vite';
import { describe, expect, it, vi } from 'vitest';
import cspReport from '../../functions/csp-report.ts';
import login from '../../functions/auth-login.ts';
import logout from '../../functions/auth-logout.ts';
import obf from '../../functions/obf.ts';
import session from '../../functions/auth-session.ts';
import signatureHandler from '../../functions/signature.ts';
import zak from '../../functions/zak.ts';
import { SessionResponse, safeReturnPath } from '../../lib/auth-contract.ts';
import { ErrorBody } from '../../lib/contract.ts';
import { SETTINGS, settingProblems } from '../../lib/settings.ts';
import { Browser, SITE, errorCode, fakeZoom, json, post, useSignInSite } from './auth-harness.ts';

useSignInSite();

const signature = (req: Request) => signatureHandler(req, {} as Context);
const sign = (browser: Browser, body: unknown) =>
  browser.call(signature, `${SITE}/api/signature`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const signedIn = async (browser: Browser) =>
  SessionResponse.parse(await json(await browser.call(session, `${SITE}/api/auth/session`))).signedIn;
const refusal = async (res: Response) => ({ status: res.status, ...ErrorBody.parse(await json(res)).error });

describe('1. no open redirect from sign-in, however returnTo is spelled', () => {
  // The reported forms (dot segments that turn into "//host" once resolved), then their neighbours.
  const ATTACKS = [
    '/.//evil.example/p',
    '/..//x',
    '/a/..//x',
    '/././/x',
    '/j/123456789/..//evil.example',
    '/j/123456789/../..//evil.example/p',
    '/././/evil.example',
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '/.\\/evil.example',
    '\\\\evil.example',
    '/%2e//evil.example',
    '/%2F%2Fevil.example',
    '/%5C%5Cevil.example',
    '/.%2F/evil.example',
    'https://evil.example/',
    '/\t/evil.example',
    '/ /evil.example',
  ];
  const onSite = (location: string) => new URL(location, SITE).origin === SITE && !location.startsWith('//');

  it.each(ATTACKS)('%j: a clicked link on a site without SESSION_SECRET stays on the site', async (returnTo) => {
    vi.stubEnv('SESSION_SECRET', '');
    const res = await new Browser().call(login, `${SITE}/api/auth/login?returnTo=${encodeURIComponent(returnTo)}`, {
      headers: { 'sec-fetch-mode': 'navigate' },
    });
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/[^?]*\?signin_error=not_configured$/);
    expect(onSite(location)).toBe(true);
  });

  it('any string at all becomes a path on this site, never under /api/ (10,000 generated)', () => {
    const piece = fc.constantFrom(
      '/',
      '.',
      '..',
      '\\',
      '%2e',
      '%2f',
      'evil.example',
      'j',
      '123456789',
      'api',
      ':',
      '@',
      '~',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const path = safeReturnPath(pieces.join(''));
        expect(path.startsWith('/') && !path.startsWith('//')).toBe(true);
        expect(new URL(path, SITE).origin).toBe(SITE);
        expect(new URL(path, SITE).pathname).toBe(path);
        expect(/^\/api(\/|$)/i.test(path)).toBe(false);
      }),
      { numRuns: 10_000 },
    );
    expect(safeReturnPath('/j/123456789')).toBe('/j/123456789');
    expect(safeReturnPath('/a/../j/1')).toBe('/j/1');
  });
});

describe('2. ZOOM_HOST_SIGNATURES fails closed', () => {
  it.each(['signed_in', 'signedin', 'true', '1', 'on', 'yes', 'signed in', 'signed-in-only', 'anyone,signed-in'])(
    '%j: 503 naming the variable for every request, never a signature',
    async (value) => {
      vi.stubEnv('ZOOM_HOST_SIGNATURES', value);
      for (const role of [1, 0]) {
        expect(await refusal(await sign(new Browser(), { meetingNumber: '123456789', role }))).toEqual({
          status: 503,
          code: 'setting_invalid',
          message:
            'ZOOM_HOST_SIGNATURES is not valid: set signed-in (host signatures only for a browser signed in with ' +
            'Zoom) or anyone, or leave it unset (anyone).',
        });
      }
    },
  );

  it.each([' Signed-In ', 'signed-in', 'SIGNED-IN'])('%j: host signatures only for a signed-in host', async (value) => {
    vi.stubEnv('ZOOM_HOST_SIGNATURES', value);
    expect(await errorCode(await sign(new Browser(), { meetingNumber: '123456789', role: 1 }))).toBe(
      'host_sign_in_required',
    );
  });

  it.each(['', 'anyone', ' Anyone '])('%j: anyone', async (value) => {
    vi.stubEnv('ZOOM_HOST_SIGNATURES', value);
    expect((await sign(new Browser(), { meetingNumber: '123456789', role: 1 })).status).toBe(200);
  });
});

describe('3. a signed-out session is refused everywhere a session is honoured', () => {
  async function signedOutCopy(): Promise<{ host: Browser; copy: Browser }> {
    const host = new Browser();
    await host.signIn();
    const copy = new Browser();
    copy.cookies = new Map(host.cookies);
    expect(await signedIn(copy)).toBe(true);
    expect((await host.call(logout, `${SITE}/api/auth/logout`, post())).status).toBe(200);
    return { host, copy };
  }

  it('the old cookie, replayed after sign-out: signed out, no host signature, no ZAK, no OBF token', async () => {
    vi.stubEnv('ZOOM_HOST_SIGNATURES', 'signed-in');
    const { host, copy } = await signedOutCopy();
    expect(host.cookies.has('__Host-zoom_session')).toBe(false);
    expect(copy.cookies.has('__Host-zoom_session')).toBe(true);
    expect(await errorCode(await sign(copy, { meetingNumber: '123456789', role: 1 }))).toBe('host_sign_in_required');
    expect((await copy.call(zak, `${SITE}/api/zak`, post({}))).status).toBe(401);
    copy.cookies = new Map(host.cookies);
    expect(await signedIn(copy)).toBe(false);
  });

  it('the session route answers signedIn: false for a replayed cookie, and clears it', async () => {
    const { copy } = await signedOutCopy();
    const res = await copy.call(session, `${SITE}/api/auth/session`);
    expect(await json(res)).toEqual({ signedIn: false });
    expect(res.headers.getSetCookie().join()).toContain('__Host-zoom_session=;');
    expect(copy.cookies.has('__Host-zoom_session')).toBe(false);
  });

  it('OBF tokens too', async () => {
    const { copy } = await signedOutCopy();
    expect((await copy.call(obf, `${SITE}/api/obf`, post({ meetingNumber: '123456789' }))).status).toBe(401);
  });

  it('a Zoom that cannot be reached at sign-out leaves the session on, and says to try again', async () => {
    const host = new Browser();
    await host.signIn();
    fakeZoom.failNext('/oauth/revoke', { status: 503, body: { reason: 'down' } });
    const failed = await host.call(logout, `${SITE}/api/auth/logout`, post());
    expect(failed.status).toBe(502);
    expect((await refusal(failed)).message).toContain('sign out again in a moment');
    expect(await signedIn(host)).toBe(true);
    expect((await host.call(logout, `${SITE}/api/auth/logout`, post())).status).toBe(200);
    expect(await signedIn(host)).toBe(false);
  });

  it('a Zoom that cannot be asked fails closed: no host signature on a guess', async () => {
    vi.stubEnv('ZOOM_HOST_SIGNATURES', 'signed-in');
    const host = new Browser();
    await host.signIn();
    fakeZoom.failNext('/v2/users/me', { status: 500, body: {} });
    const res = await sign(host, { meetingNumber: '123456789', role: 1 });
    expect(res.status).toBe(502);
    expect(await errorCode(res)).toBe('zoom_unavailable');
    expect((await sign(host, { meetingNumber: '123456789', role: 1 })).status).toBe(200);
  });
});

describe('5. the lifetime ceiling never refuses the page', () => {
  it('a lifetime left out is 2 h, or the ceiling when lower; one asked for above the ceiling is refused', async () => {
    const lifetime = async (body: object) => {
      const res = await sign(new Browser(), { meetingNumber: '123456789', role: 0, ...body });
      if (res.status !== 200) return res.status;
      const { signature: token } = (await json(res)) as { signature: string };
      const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
        iat: number;
        exp: number;
      };
      return claims.exp - claims.iat;
    };
    expect(await lifetime({})).toBe(7200);
    vi.stubEnv('ZOOM_MAX_EXPIRATION_SECONDS', '3600');
    expect(await lifetime({})).toBe(3600);
    expect(await lifetime({ expirationSeconds: 3600 })).toBe(3600);
    expect(await lifetime({ expirationSeconds: 7200 })).toBe(400);
    vi.stubEnv('ZOOM_MAX_EXPIRATION_SECONDS', '28800');
    expect(await lifetime({})).toBe(7200);
  });
});

describe('6. ZOOM_ALLOWED_MEETINGS reads numbers as the README says', () => {
  it.each([
    ['978 759 818', ['978759818']],
    ['978-759-818', ['978759818']],
    ['978 759 818, 123 456 7890', ['978759818', '1234567890']],
    ['978759818,\n123456789', ['978759818', '123456789']],
    [' 978759818 , , ', ['978759818']],
  ])('%j serves %j and nothing else', async (value, meetings) => {
    vi.stubEnv('ZOOM_ALLOWED_MEETINGS', value);
    for (const meetingNumber of meetings) {
      expect((await sign(new Browser(), { meetingNumber, role: 0 })).status, meetingNumber).toBe(200);
    }
    expect(await errorCode(await sign(new Browser(), { meetingNumber: '555555555', role: 0 }))).toBe(
      'meeting_not_allowed',
    );
  });

  it.each(['abc', '12345', '978759818 123456789', '978759818;123456789', '9787598189999'])(
    '%j fails closed: 503 on the signer and the OBF route, naming the variable',
    async (value) => {
      vi.stubEnv('ZOOM_ALLOWED_MEETINGS', value);
      const expected = {
        status: 503,
        code: 'setting_invalid',
        message:
          'ZOOM_ALLOWED_MEETINGS is not valid: list meeting numbers of 9 to 11 digits (spaces and dashes are ' +
          'ignored), separated by commas.',
      };
      expect(await refusal(await sign(new Browser(), { meetingNumber: '978759818', role: 0 }))).toEqual(expected);
      const host = new Browser();
      await host.signIn();
      expect(await refusal(await host.call(obf, `${SITE}/api/obf`, post({ meetingNumber: '978759818' })))).toEqual(
        expected,
      );
    },
  );
});

describe('7. CSP reports are logged without meeting numbers', () => {
  it('a report from a /j/<number> page, or blocking a URL with one, keeps neither number', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const res = await cspReport(
      new Request(`${SITE}/api/csp-report`, {
        method: 'POST',
        headers: { 'content-type': 'application/csp-report' },
        body: JSON.stringify({
          'csp-report': {
            'document-uri': `${SITE}/j/978759818?pwd=x`,
            'effective-directive': 'frame-src',
            'blocked-uri': 'https://app.zoom.us/wc/join/97875981800',
          },
        }),
      }),
    );
    const lines = log.mock.calls.map(([line]) => String(line)).filter((line) => line.startsWith('{"csp":'));
    log.mockRestore();
    expect(res.status).toBe(204);
    expect(lines).toEqual([
      JSON.stringify({
        csp: {
          disposition: 'enforce',
          directive: 'frame-src',
          blocked: 'https://app.zoom.us/wc/join/<number>',
          page: '/j/<number>',
        },
      }),
    ]);
  });
});

describe('settings fail closed: every setting with a shape refuses anything else, by name', () => {
  // One malformed value per setting that has a shape, and a value of the right shape (the default when absent).
  const MALFORMED: Array<[string, string, string]> = [
    ['ZOOM_ALLOWED_MEETINGS', 'abc', '978759818'],
    ['ALLOWED_ORIGINS', 'https://app.example/', 'https://app.example'],
    ['ALLOWED_ORIGINS', '*', 'http://127.0.0.1:5173, https://[::1]:8443'],
    ['ALLOWED_ORIGINS', 'https://App.example', 'https://app.example'],
    ['SESSION_SECRET', 'short', 'x'.repeat(32)],
    ['SESSION_SECRET_PREVIOUS', 'short', 'y'.repeat(32)],
    ['ZOOM_MAX_EXPIRATION_SECONDS', '4h', '28800'],
    ['ZOOM_HOST_SIGNATURES', 'true', 'signed-in'],
    ['ZOOM_OAUTH_REDIRECT_URL', 'https://site.example/callback', 'https://site.example/api/auth/callback'],
    ['ZOOM_OAUTH_REDIRECT_URL', 'http://site.example/api/auth/callback', 'http://localhost:8888/api/auth/callback'],
    ['ZOOM_OAUTH_BASE_URL', 'oauth.example', 'https://zoom.us/'],
    ['ZOOM_API_BASE_URL', 'https://api.zoom.us/v2', 'https://api.zoom.us'],
    ['VITE_ZOOM_WEB_ENDPOINT', 'zoom.com', 'www.zoomgov.com'],
    ['VITE_ZOOM_ASSETS', 'cdn', 'self'],
    ['VITE_SIGNATURE_URL', '//evil.example/sign', 'https://backend.example/api/signature'],
    ['VITE_SIGNATURE_URL', 'backend.example/sign', '/api/signature'],
    ['VITE_JOIN_TIMEOUT_SECONDS', '30s', '60'],
    ['VITE_MAX_WAIT_SECONDS', '-1', '0'],
  ];

  it.each(MALFORMED)('%s=%j is refused by name, without the value; %j is accepted', (name, bad, good) => {
    const setting = Object.values(SETTINGS).find((s) => s.name === name)!;
    const reader = setting.readBy === 'both' ? 'build' : setting.readBy;
    const [problem, ...more] = settingProblems({ [name]: bad }, reader);
    expect(more).toEqual([]);
    expect(problem).toMatch(new RegExp(`^${name} is not valid: .+\\.$`));
    expect(problem).not.toContain(bad);
    expect(settingProblems({ [name]: good }, reader)).toEqual([]);
    expect(settingProblems({ [name]: `  ${good}\n` }, reader)).toEqual([]);
  });

  it('the build stops on a malformed build setting, naming it (vite.config.ts)', async () => {
    vi.stubEnv('VITE_SIGNATURE_URL', '//evil.example/sign');
    vi.stubEnv('VITE_MAX_WAIT_SECONDS', '1h');
    const built = build({ configFile: 'vite.config.ts', logLevel: 'silent', build: { write: false } });
    await expect(built).rejects.toThrow(/^VITE_SIGNATURE_URL is not valid: .*\nVITE_MAX_WAIT_SECONDS is not valid: /);
  });

  it('the build refuses the one combination Zoom does not serve, and the functions ignore build-only settings', () => {
    expect(settingProblems({ VITE_ZOOM_WEB_ENDPOINT: 'www.zoomgov.com', VITE_ZOOM_ASSETS: 'china' }, 'build')).toEqual([
      'VITE_ZOOM_ASSETS=china serves the commercial SDK: it cannot go with VITE_ZOOM_WEB_ENDPOINT=www.zoomgov.com.',
    ]);
    expect(settingProblems({ VITE_JOIN_TIMEOUT_SECONDS: 'x', ZOOM_HOST_SIGNATURES: 'x' }, 'functions')).toEqual([
      expect.stringMatching(/^ZOOM_HOST_SIGNATURES is not valid/),
    ]);
  });

  it('each function setting makes the routes that read it answer 503 setting_invalid', async () => {
    // The harness points sign-in at the fake Zoom; every other variable here is unset until a case sets it.
    const SETTING_DEFAULTS: Record<string, string | undefined> = {
      ZOOM_OAUTH_BASE_URL: process.env['ZOOM_OAUTH_BASE_URL'],
      ZOOM_API_BASE_URL: process.env['ZOOM_API_BASE_URL'],
    };
    const cases: Array<[string, string, () => Promise<Response>]> = [
      ['ALLOWED_ORIGINS', 'https://app.example/', () => sign(new Browser(), { meetingNumber: '123456789', role: 0 })],
      ['ZOOM_MAX_EXPIRATION_SECONDS', '1e4', () => sign(new Browser(), { meetingNumber: '123456789', role: 0 })],
      ['ZOOM_OAUTH_BASE_URL', 'zoom.us', () => new Browser().call(login, `${SITE}/api/auth/login`)],
      ['ZOOM_API_BASE_URL', 'ftp://api.zoom.us', () => new Browser().call(session, `${SITE}/api/auth/session`)],
      [
        'ZOOM_OAUTH_REDIRECT_URL',
        'https://site.example/oauth',
        () => new Browser().call(login, `${SITE}/api/auth/login`),
      ],
      ['VITE_ZOOM_WEB_ENDPOINT', 'zoom.com', () => new Browser().call(zak, `${SITE}/api/zak`, post({}))],
    ];
    for (const [name, value, request] of cases) {
      vi.stubEnv(name, value);
      const res = await request();
      expect({ name, status: res.status, code: await errorCode(res) }).toEqual({
        name,
        status: 503,
        code: 'setting_invalid',
      });
      expect((await refusal(res)).message).toMatch(new RegExp(`^${name} is not valid: `));
      vi.stubEnv(name, SETTING_DEFAULTS[name] ?? '');
    }
  });
});
