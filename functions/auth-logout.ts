import type { Config } from '@netlify/functions';
import type { SessionResponse } from '../lib/auth-contract.ts';
import { SESSION_COOKIE, requireSignedInPost } from './_lib/auth.ts';
import { json, jsonError, withCookie } from './_lib/respond.ts';
import { clearCookie } from './_lib/session.ts';
import { revokeToken } from './_lib/zoom-api.ts';
import { withRequestLog } from './_lib/request-log.ts';

/**
 * Signs out: the token is revoked at Zoom, which ends the session for every copy of its cookie, and this browser's
 * cookie is cleared. When Zoom cannot be reached the session is not over, so the cookie stays and the answer says
 * to try again: clearing it would only hide a session that still works.
 */
export default withRequestLog(async (req: Request): Promise<Response> => {
  const clear = clearCookie(SESSION_COOKIE);
  const signedIn = await requireSignedInPost(req);
  // A cross-site page must not sign anyone out; a missing or expired session is cleared anyway.
  if (!signedIn.ok) return signedIn.response.status === 401 ? withCookie(signedIn.response, clear) : signedIn.response;
  const revoked = await revokeToken(signedIn.setup.app, signedIn.session.accessToken);
  if (!revoked.ok) {
    const { status, code, message } = revoked.problem;
    return jsonError(status, code, `${message} The sign-in is still active: sign out again in a moment.`);
  }
  const body: SessionResponse = { signedIn: false };
  return withCookie(json(200, body), clear);
});

// Netlify reads config statically: literals only. Logout calls Zoom's revoke with our client credentials, so a
// loop of it would spend the app's quota at Zoom: 10 a minute per client is more than a person needs.
export const config: Config = {
  path: '/api/auth/logout',
  rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
