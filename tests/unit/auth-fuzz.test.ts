/**
 * Generated input for every sign-in route and the CSP report collector: query strings, cookies (garbage, names
 * twice, another purpose's cookie, expired, valid), bodies and methods. Whatever arrives, the answer is a 2xx, 3xx
 * or 4xx (never a 5xx), a redirect stays on this site or goes to Zoom's authorize page, and no answer carries a
 * secret or a stack trace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import callback from '../../functions/auth-callback.ts';
import login from '../../functions/auth-login.ts';
import logout from '../../functions/auth-logout.ts';
import session from '../../functions/auth-session.ts';
import obf from '../../functions/obf.ts';
import zak from '../../functions/zak.ts';
import cspReport from '../../functions/csp-report.ts';
import { SESSION_COOKIE, STATE_COOKIE } from '../../functions/_lib/auth.ts';
import { readSessionKey, seal } from '../../functions/_lib/session.ts';
import { SITE, SESSION_SECRET, fakeZoom, type Handler, useSignInSite } from './auth-harness.ts';
import { TEST_SECRET } from './helpers.ts';

useSignInSite();

const ROUTES: Array<[string, Handler]> = [
  ['/api/auth/login', login],
  ['/api/auth/callback', callback],
  ['/api/auth/session', session],
  ['/api/auth/logout', logout],
  ['/api/zak', zak],
  ['/api/obf', obf],
  ['/api/csp-report', cspReport],
];
const RUNS_PER_ROUTE = 300;

function keys() {
  const key = readSessionKey();
  if (!key.ok) throw new Error('SESSION_SECRET is not set in the test environment');
  return key.keys;
}

/** Cookie values a browser (or an attacker) could send: sealed ones of every kind, and junk. */
const cookieValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }).map((s) => encodeURIComponent(s)),
  fc.constantFrom('session', 'oauth-state', 'expired-session', 'garbage-jwe').map((kind) => {
    const k = keys();
    if (kind === 'session') return seal({ at: 'access-fuzz', name: 'F', email: 'f@example.com' }, 'session', 600, k);
    if (kind === 'expired-session') return seal({ at: 'access-fuzz', name: 'F', email: '' }, 'session', -10, k);
    if (kind === 'oauth-state')
      return seal(
        { state: 'x'.repeat(32), verifier: 'v', redirectUri: `${SITE}/api/auth/callback`, returnTo: '/' },
        'oauth-state',
        600,
        k,
      );
    return 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAA.BBBB.CCCC';
  }),
);
const cookieHeader = fc
  .array(fc.tuple(fc.constantFrom(SESSION_COOKIE, STATE_COOKIE, 'zoom_session', 'other', ''), cookieValue), {
    maxLength: 4,
  })
  .map((pairs) => pairs.map(([name, value]) => `${name}=${value}`).join('; '));

const queryString = fc
  .array(
    fc.tuple(
      fc.constantFrom('code', 'state', 'error', 'returnTo', 'x', 'state'),
      fc.oneof(
        fc.string(),
        fc.string({ unit: 'grapheme' }),
        fc.constantFrom('/', '//evil.test', '/api/auth/login', 'é'.repeat(32)),
      ),
    ),
    { maxLength: 5 },
  )
  .map((pairs) => new URLSearchParams(pairs).toString());

const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD'),
  query: queryString,
  cookie: cookieHeader,
  type: fc.constantFrom('application/json', 'application/csp-report', 'application/reports+json', 'text/plain', ''),
  body: fc.oneof(
    fc.json(),
    fc.string(),
    fc.constant('{"csp-report":{"blocked-uri":"https://x.test/?token=secret-query"}}'),
    fc.constant(''),
  ),
  site: fc.constantFrom('same-origin', 'cross-site', 'none'),
});

describe('sign-in routes and the CSP report collector under generated input', () => {
  for (const [path, handler] of ROUTES) {
    it(`${path}: never a 5xx, never off-site, never a secret or a stack trace (${RUNS_PER_ROUTE} requests)`, async () => {
      await fc.assert(
        fc.asyncProperty(request, async ({ method, query, cookie, type, body, site }) => {
          fakeZoom.reset();
          const headers = new Headers({ 'sec-fetch-site': site, ...(type ? { 'content-type': type } : {}) });
          if (cookie) headers.set('cookie', cookie);
          const hasBody = method !== 'GET' && method !== 'HEAD';
          const res = await handler(
            new Request(`${SITE}${path}?${query}`, { method, headers, ...(hasBody ? { body } : {}) }),
          );
          const text = await res.text();
          expect(res.status, `${method} ${path}?${query} → ${text}`).toBeLessThan(500);
          const location = res.headers.get('location');
          if (location !== null)
            expect(
              location.startsWith('/') && !location.startsWith('//')
                ? true
                : location.startsWith(`${fakeZoom.baseUrl}/oauth/authorize?`),
            ).toBe(true);
          for (const secret of [TEST_SECRET, SESSION_SECRET, 'access-fuzz', 'secret-query'])
            expect(text).not.toContain(secret);
          expect(text).not.toMatch(/\n\s+at /);
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    }, 60_000);
  }
});
