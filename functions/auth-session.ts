import type { Config } from '@netlify/functions';
import type { SessionResponse } from '../lib/auth-contract.ts';
import { vouchedSession } from './_lib/auth.ts';
import { json, methodNotAllowed, withHeaders } from './_lib/respond.ts';
import { withRequestLog } from './_lib/request-log.ts';

/**
 * Whether this browser is signed in with Zoom, and as whom (the cookie itself is unreadable to the page): only while
 * Zoom still vouches for the session, so a signed-out session's cookie, replayed, answers `signedIn: false`.
 */
export default withRequestLog(async (req: Request): Promise<Response> => {
  if (req.method !== 'GET') return methodNotAllowed('GET');
  const signedIn = await vouchedSession(req);
  if (signedIn.ok) {
    const { name, email, expiresAt } = signedIn.session;
    const body: SessionResponse = { signedIn: true, name, email, expiresAt: expiresAt.toISOString() };
    return json(200, body);
  }
  if (signedIn.response.status !== 401) return signedIn.response;
  // Not signed in (no cookie, or one Zoom no longer accepts, which the 401 clears): an answer, not an error.
  const body: SessionResponse = { signedIn: false };
  return withHeaders(
    json(200, body),
    signedIn.response.headers.getSetCookie().map((cookie): [string, string] => ['set-cookie', cookie]),
  );
});

// The page asks once per load; 60 a minute per client leaves room for reloads and none for a decryption loop (each
// signed-in check also asks Zoom: functions/_lib/auth.ts, vouchedSession).
export const config: Config = {
  path: '/api/auth/session',
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
