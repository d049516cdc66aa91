import { AUTH_PATHS } from '../../lib/auth-contract.ts';
import { readCredentials, readEnv } from './env.ts';
import { jsonError, methodNotAllowed, withCookie } from './respond.ts';
import { SESSION_SECRET_VAR, clearCookie, readCookie, readSessionKey, unseal, type SessionKeys } from './session.ts';
import type { ClientCredentials, ZoomFailure } from './zoom-api.ts';

export const SESSION_COOKIE = '__Host-zoom_session';
export const STATE_COOKIE = '__Host-zoom_oauth';
export const STATE_COOKIE_MAX_AGE = 600;
const REDIRECT_URL_VAR = 'ZOOM_OAUTH_REDIRECT_URL';

/** Sign-in needs the app's credentials (the same Client ID/Secret as the signer) and SESSION_SECRET. */
type AuthSetup = { ok: true; credentials: ClientCredentials; keys: SessionKeys } | { ok: false; missing: string[] };

export function readAuthSetup(): AuthSetup {
  const credentials = readCredentials();
  const key = readSessionKey();
  const missing = [...(credentials.ok ? [] : credentials.missing), ...(key.ok ? [] : [key.reason])];
  if (!credentials.ok || !key.ok) return { ok: false, missing };
  return { ok: true, credentials: { sdkKey: credentials.sdkKey, secret: credentials.secret }, keys: key.keys };
}

export const notConfigured = (missing: string[]): Response =>
  jsonError(
    503,
    'sign_in_not_configured',
    `Sign in with Zoom is not set up: ${missing.join('; ')}. Set ${SESSION_SECRET_VAR} (a random string of at ` +
      'least 32 characters) and the Meeting SDK app’s Client ID and Secret in the site’s environment variables. ' +
      'Joining with a signature works without it.',
  );

/** The URL Zoom sends the user back to; it must be listed exactly as the app's OAuth redirect URL. */
export function callbackUrl(req: Request): string {
  return readEnv(REDIRECT_URL_VAR) || `${new URL(req.url).origin}${AUTH_PATHS.callback}`;
}

/**
 * Token-issuing POSTs must come from this site's own page. SameSite=Strict already keeps the session cookie off
 * cross-site requests; this also refuses them explicitly, from the headers browsers always send with fetch.
 */
function refuseCrossSite(req: Request): Response | null {
  const site = req.headers.get('sec-fetch-site');
  const origin = req.headers.get('origin');
  const crossSite = (site !== null && site !== 'same-origin') || (origin !== null && origin !== new URL(req.url).origin);
  return crossSite
    ? jsonError(403, 'cross_site_request', 'Only this site’s own page may ask for Zoom tokens.')
    : null;
}

interface Session {
  accessToken: string;
  name: string;
  email: string;
  expiresAt: Date;
}

type SessionCheck = { ok: true; session: Session; setup: Extract<AuthSetup, { ok: true }> } | { ok: false; response: Response };

/** The signed-in user's session from its encrypted cookie, or the 503/401 answer to give instead. */
export async function requireSession(req: Request): Promise<SessionCheck> {
  const setup = readAuthSetup();
  if (!setup.ok) return { ok: false, response: notConfigured(setup.missing) };
  const session = await readSession(req, setup.keys);
  if (!session) {
    return {
      ok: false,
      response: jsonError(401, 'not_signed_in', 'Sign in with Zoom first (the session is missing or has expired).'),
    };
  }
  return { ok: true, session, setup };
}

/** The checks of every route that hands out or ends a session's tokens, in order: POST, same site, signed in. */
export async function requireSignedInPost(req: Request): Promise<SessionCheck> {
  if (req.method !== 'POST') return { ok: false, response: methodNotAllowed('POST') };
  const crossSite = refuseCrossSite(req);
  if (crossSite) return { ok: false, response: crossSite };
  return requireSession(req);
}

export async function readSession(req: Request, keys: SessionKeys): Promise<Session | null> {
  const sealed = unseal(readCookie(req, SESSION_COOKIE), 'session', keys);
  if (!sealed) return null;
  const { at, name, email } = sealed.payload;
  return { accessToken: at, name, email, expiresAt: sealed.expiresAt };
}

/** Zoom's refusal as our JSON error; when Zoom no longer accepts the token, the session is dropped as well. */
export function zoomFailure(failure: ZoomFailure): Response {
  const response = jsonError(failure.status, failure.code, failure.message);
  return failure.status === 401 ? withCookie(response, clearCookie(SESSION_COOKIE)) : response;
}
