import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config } from '@netlify/functions';
import { SIGN_IN_ERROR_PARAM, safeReturnPath } from '../lib/auth-contract.ts';
import type { SignInError } from '../lib/errors/sign-in-errors.ts';
import { SESSION_COOKIE, STATE_COOKIE, readAuthSetup } from './_lib/auth.ts';
import { methodNotAllowed, redirect } from './_lib/respond.ts';
import { clearCookie, cookie, fitsInCookie, readCookie, seal, unseal } from './_lib/session.ts';
import { exchangeCode, fetchUser, revokeToken } from './_lib/zoom-api.ts';
import { withRequestLog } from './_lib/request-log.ts';

/**
 * Constant-time equality of any two strings: both are hashed first, so the buffers compared are always 32 bytes
 * (comparing the strings' own bytes threw on equal UTF-16 lengths with different UTF-8 lengths: a 500).
 */
const digest = (text: string) => createHash('sha256').update(text).digest();
const sameText = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/**
 * Where Zoom sends the browser back. Every outcome is a redirect to the page: with a session cookie, or with
 * a reason code the page explains. The one-time sign-in cookie is cleared either way.
 */
export default withRequestLog(async (req: Request): Promise<Response> => {
  if (req.method !== 'GET') return methodNotAllowed('GET');
  const clearState = clearCookie(STATE_COOKIE);
  const back = (returnTo: string, error: SignInError) =>
    redirect(`${returnTo}?${SIGN_IN_ERROR_PARAM}=${error}`, [clearState]);

  const setup = readAuthSetup();
  if (!setup.ok) return back('/', 'not_configured');
  const pending = unseal(readCookie(req, STATE_COOKIE), 'oauth-state', setup.keys);
  if (!pending) return back('/', 'login_expired');
  const { state, verifier, redirectUri } = pending.payload;
  const returnTo = safeReturnPath(pending.payload.returnTo);

  const params = new URL(req.url).searchParams;
  if (!sameText(params.get('state') ?? '', state)) return back(returnTo, 'state_mismatch');
  const zoomError = params.get('error');
  if (zoomError) return back(returnTo, zoomError === 'access_denied' ? 'access_denied' : 'zoom_error');
  const code = params.get('code');
  if (!code) return back(returnTo, 'zoom_error');

  const tokens = await exchangeCode(setup.app, { code, redirectUri, verifier });
  if (!tokens.ok) return back(returnTo, tokens.problem.status === 400 ? 'code_rejected' : 'zoom_unavailable');
  // The name only labels the session; without scope user:read:user the sign-in still works.
  const user = await fetchUser(setup.app, tokens.value.accessToken);
  const profile = user.ok ? user.value : { name: '', email: '' };
  // End the session a minute before Zoom's token does, so a fetched ZAK never fails on an expired token.
  const lifetime = Math.max(60, tokens.value.expiresIn - 60);
  const sealed = seal({ at: tokens.value.accessToken, ...profile }, 'session', lifetime, setup.keys);
  const session = cookie(SESSION_COOKIE, sealed, { sameSite: 'Strict', maxAgeSeconds: lifetime });
  // A browser would drop an oversized cookie silently, leaving a sign-in that "worked" and a page that says otherwise.
  if (!fitsInCookie(session)) {
    await revokeToken(setup.app, tokens.value.accessToken);
    return back(returnTo, 'session_too_large');
  }
  return redirect(returnTo, [clearState, session]);
});

export const config: Config = {
  path: '/api/auth/callback',
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
