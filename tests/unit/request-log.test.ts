/**
 * The functions' request log: one JSON line per request, with what an operator needs (route, method, status, error
 * code, duration, Netlify's request id) and nothing a log reader must not see.
 */
import type { Context } from '@netlify/functions';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import callback from '../../functions/auth-callback.ts';
import login from '../../functions/auth-login.ts';
import session from '../../functions/auth-session.ts';
import signature from '../../functions/signature.ts';
import { withRequestLog, type RequestLogLine } from '../../functions/_lib/request-log.ts';
import { TEST_KEY, TEST_SECRET, signatureRequest } from './helpers.ts';

const SESSION_SECRET = 'unit-session-secret-0123456789-abcdefghij';
const MEETING = '97875981818';
const context = { requestId: '01JREQUESTID0000000000' } as Context;

let log: MockInstance<typeof console.log>;
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.stubEnv('ZOOM_MEETING_SDK_KEY', TEST_KEY);
  vi.stubEnv('ZOOM_MEETING_SDK_SECRET', TEST_SECRET);
  vi.stubEnv('SESSION_SECRET', SESSION_SECRET);
});
afterEach(() => {
  log.mockRestore();
  vi.unstubAllEnvs();
});

/** The one line the last request wrote, parsed; every line is also checked for anything secret. */
function lastLine(...forbidden: string[]): RequestLogLine {
  expect(log).toHaveBeenCalledTimes(1);
  const text = String(log.mock.calls[0]![0]);
  for (const secret of [TEST_SECRET, SESSION_SECRET, MEETING, ...forbidden]) expect(text).not.toContain(secret);
  return JSON.parse(text) as RequestLogLine;
}

describe('request log', () => {
  it('logs a signed request with route, method, status, duration and request id, but not the signature or meeting', async () => {
    const res = await signature(signatureRequest({ meetingNumber: MEETING, role: 0 }), context);
    const { signature: token } = (await res.json()) as { signature: string };
    const line = lastLine(token, token.split('.')[2]!);
    expect(line).toEqual({
      route: '/api/signature',
      method: 'POST',
      status: 200,
      ms: expect.any(Number),
      requestId: context.requestId,
    });
    expect(line.ms).toBeGreaterThanOrEqual(0);
  });

  it('logs a refused request with its error code only', async () => {
    await signature(signatureRequest({ meetingNumber: `x${MEETING}`, role: 7 }), context);
    const line = lastLine();
    expect(line).toMatchObject({ route: '/api/signature', method: 'POST', status: 400, error: 'invalid_request' });
    expect(Object.keys(line).sort()).toEqual(['error', 'method', 'ms', 'requestId', 'route', 'status']);
  });

  it('names the missing configuration by its code, without the message', async () => {
    vi.stubEnv('ZOOM_MEETING_SDK_SECRET', '');
    await signature(signatureRequest({ meetingNumber: MEETING, role: 0 }), context);
    expect(lastLine('ZOOM_MEETING_SDK')).toMatchObject({ status: 503, error: 'signer_not_configured' });
  });

  it('logs sign-in redirects without the query string, the state or the cookies', async () => {
    const start = await login(new Request('https://site.test/api/auth/login?returnTo=%2F'), context);
    const location = new URL(start.headers.get('location')!);
    const cookie = start.headers.getSetCookie()[0]!.split(';')[0]!.split('=')[1]!;
    expect(
      lastLine(location.searchParams.get('state')!, location.searchParams.get('code_challenge')!, cookie),
    ).toMatchObject({
      route: '/api/auth/login',
      method: 'GET',
      status: 302,
    });

    log.mockClear();
    const back = new Request('https://site.test/api/auth/callback?code=zoom-auth-code-123&state=some-state-456', {
      headers: { cookie: `__Host-zoom_oauth=${cookie}` },
    });
    await callback(back, context);
    const line = lastLine('zoom-auth-code-123', 'some-state-456', cookie);
    expect(line).toMatchObject({ route: '/api/auth/callback', status: 302, error: 'state_mismatch' });
  });

  it('logs a session lookup without the session cookie', async () => {
    await session(
      new Request('https://site.test/api/auth/session', {
        headers: { cookie: '__Host-zoom_session=sealed-session-789' },
      }),
      context,
    );
    expect(lastLine('sealed-session-789')).toMatchObject({ route: '/api/auth/session', method: 'GET', status: 200 });
  });

  it('logs a thrown handler as a 500 without its message, and rethrows', async () => {
    const failing = withRequestLog(async () => {
      throw new Error(`boom ${TEST_SECRET}`);
    });
    await expect(failing(new Request('https://site.test/api/x'), context)).rejects.toThrow('boom');
    expect(lastLine()).toMatchObject({ route: '/api/x', status: 500, error: 'unhandled_exception' });
  });

  // Every route, answering what a stranger sends (wrong method, no session, junk): one line each, nothing secret.
  it.each([
    ['auth-logout', '/api/auth/logout', 'GET'],
    ['zak', '/api/zak', 'POST'],
    ['obf', '/api/obf', 'POST'],
    ['csp-report', '/api/csp-report', 'POST'],
  ])('%s logs one line per request too', async (name, path, method) => {
    const { default: handler } = (await import(`../../functions/${name}.ts`)) as {
      default: (req: Request, context?: Context) => Promise<Response>;
    };
    const response = await handler(
      new Request(`https://site.test${path}`, {
        method,
        headers: { cookie: '__Host-zoom_session=sealed-session-789' },
        body: method === 'POST' ? 'x' : null,
      }),
      context,
    );
    const line = lastLine('sealed-session-789');
    expect(line).toMatchObject({ route: path, method, status: response.status, requestId: context.requestId });
    expect(response.status).toBeGreaterThanOrEqual(400);
  });

  it('logs a request id of null when called without Netlify’s context', async () => {
    await session(new Request('https://site.test/api/auth/session'));
    expect(lastLine().requestId).toBeNull();
  });
});
