import { timingSafeEqual } from 'node:crypto';
import type { Config } from '@netlify/functions';
import { AUTH_PATHS, SIGN_IN_ERROR_PARAM, safeReturnPath, type SignInError } from '../lib/auth-contract.ts';
import { SESSION_COOKIE, SESSION_COOKIE_PATH, STATE_COOKIE, readAuthSetup } from './_lib/auth.ts';
import { methodNotAllowed, redirect } from './_lib/respond.ts';
import { clearCookie, cookie, readCookie, seal, unseal } from './_lib/session.ts';
import { exchangeCode, fetchUser } from './_lib/zoom-api.ts';
import { withRequestLog } from './_lib/request-log.ts';

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Where Zoom sends the browser back. Every outcome is a redirect to the page: with a session cookie, or with
 * a reason code the page explains. The one-time sign-in cookie is cleared either way.
 */
export default withRequestLog(async (req: Request): Promise<Response> => {
  if (req.method !== 'GET') return methodNotAllowed('GET');
  const clearState = clearCookie(STATE_COOKIE, AUTH_PATHS.callback);
  const back = (returnTo: string, error: SignInError) => redirect(`${returnTo}?${SIGN_IN_ERROR_PARAM}=${error}`, [clearState]);

  const setup = readAuthSetup();
  if (!setup.ok) return back('/', 'not_configured');
  const pending = await unseal(readCookie(req, STATE_COOKIE), 'oauth-state', setup.key);
  const { state, verifier, redirectUri } = (pending ?? {}) as Record<string, unknown>;
  if (typeof state !== 'string' || typeof verifier !== 'string' || typeof redirectUri !== 'string') {
    return back('/', 'login_expired');
  }
  const returnTo = safeReturnPath(typeof pending?.['returnTo'] === 'string' ? pending['returnTo'] : '/');

  const params = new URL(req.url).searchParams;
  if (!sameText(params.get('state') ?? '', state)) return back(returnTo, 'state_mismatch');
  const zoomError = params.get('error');
  if (zoomError) return back(returnTo, zoomError === 'access_denied' ? 'access_denied' : 'zoom_error');
  const code = params.get('code');
  if (!code) return back(returnTo, 'zoom_error');

  const tokens = await exchangeCode(setup.credentials, { code, redirectUri, verifier });
  if (!tokens.ok) return back(returnTo, tokens.status === 400 ? 'code_rejected' : 'zoom_unavailable');
  // The name only labels the session; without scope user:read:user the sign-in still works.
  const user = await fetchUser(tokens.data.accessToken);
  const profile = user.ok ? user.data : { name: '', email: '' };
  // End the session a minute before Zoom's token does, so a fetched ZAK never fails on an expired token.
  const lifetime = Math.max(60, tokens.data.expiresIn - 60);
  const session = await seal({ at: tokens.data.accessToken, ...profile }, 'session', lifetime, setup.key);
  return redirect(returnTo, [clearState, cookie(SESSION_COOKIE, session, { path: SESSION_COOKIE_PATH, maxAgeSeconds: lifetime })]);
});

export const config: Config = {
  path: '/api/auth/callback',
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
