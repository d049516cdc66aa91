import { AUTH_PATHS } from '../../lib/auth-contract.ts';
import { SETTINGS } from '../../lib/settings.ts';
import { readCredentials } from './env.ts';
import { jsonError, methodNotAllowed, withCookie } from './respond.ts';
import { clearCookie, readCookie, readSessionKey, unseal, type SessionKeys } from './session.ts';
import { readSettings } from './settings.ts';
import { fetchUser, zoomHosts, type ZoomApp, type ZoomFailure } from './zoom-api.ts';

export const SESSION_COOKIE = '__Host-zoom_session';
export const STATE_COOKIE = '__Host-zoom_oauth';
export const STATE_COOKIE_MAX_AGE = 600;

/** What sign-in reads besides the credentials and SESSION_SECRET: where Zoom is, and where it sends people back. */
const SIGN_IN_SETTINGS = {
  cloud: SETTINGS.VITE_ZOOM_WEB_ENDPOINT,
  oauthBase: SETTINGS.ZOOM_OAUTH_BASE_URL,
  apiBase: SETTINGS.ZOOM_API_BASE_URL,
  redirectUrl: SETTINGS.ZOOM_OAUTH_REDIRECT_URL,
};

/**
 * Sign-in needs the app's credentials (the same Client ID/Secret as the signer), SESSION_SECRET and well-formed
 * settings; without them, the 503 that says which.
 */
type AuthSetup = { ok: true; app: ZoomApp; keys: SessionKeys; redirectUrl: string } | { ok: false; response: Response };

export function readAuthSetup(): AuthSetup {
  const settings = readSettings(SIGN_IN_SETTINGS);
  if (!settings.ok) return settings;
  const credentials = readCredentials();
  const key = readSessionKey();
  if (!credentials.ok || !key.ok) {
    return {
      ok: false,
      response: notConfigured([...(credentials.ok ? [] : credentials.missing), ...(key.ok ? [] : [key.reason])]),
    };
  }
  return {
    ok: true,
    app: { credentials: { sdkKey: credentials.sdkKey, secret: credentials.secret }, hosts: zoomHosts(settings.values) },
    keys: key.keys,
    redirectUrl: settings.values.redirectUrl,
  };
}

const notConfigured = (missing: string[]): Response =>
  jsonError(
    503,
    'sign_in_not_configured',
    `Sign in with Zoom is not set up: ${missing.join('; ')}. Set ${SETTINGS.SESSION_SECRET.name} (a random string of ` +
      'at least 32 characters) and the Meeting SDK app’s Client ID and Secret in the site’s environment variables. ' +
      'Joining with a signature works without it.',
  );

/** The URL Zoom sends the user back to; it must be listed exactly as the app's OAuth redirect URL. */
export function callbackUrl(req: Request, setup: Extract<AuthSetup, { ok: true }>): string {
  return setup.redirectUrl || `${new URL(req.url).origin}${AUTH_PATHS.callback}`;
}

/**
 * Token-issuing POSTs must come from this site's own page. SameSite=Strict already keeps the session cookie off
 * cross-site requests; this also refuses them explicitly, from the headers browsers always send with fetch.
 */
function refuseCrossSite(req: Request): Response | null {
  const site = req.headers.get('sec-fetch-site');
  const origin = req.headers.get('origin');
  const crossSite =
    (site !== null && site !== 'same-origin') || (origin !== null && origin !== new URL(req.url).origin);
  return crossSite ? jsonError(403, 'cross_site_request', 'Only this site’s own page may ask for Zoom tokens.') : null;
}

interface Session {
  accessToken: string;
  name: string;
  email: string;
  expiresAt: Date;
}

type SessionCheck =
  { ok: true; session: Session; setup: Extract<AuthSetup, { ok: true }> } | { ok: false; response: Response };

const notSignedIn = (): Response =>
  jsonError(401, 'not_signed_in', 'Sign in with Zoom first (the session is missing, has expired or was signed out).');

/** The signed-in user's session from its encrypted cookie, or the 503/401 answer to give instead. */
async function requireSession(req: Request): Promise<SessionCheck> {
  const setup = readAuthSetup();
  if (!setup.ok) return setup;
  const session = await readSession(req, setup.keys);
  if (!session) return { ok: false, response: notSignedIn() };
  return { ok: true, session, setup };
}

/** The checks of every route that hands out or ends a session's tokens, in order: POST, same site, signed in. */
export async function requireSignedInPost(req: Request): Promise<SessionCheck> {
  if (req.method !== 'POST') return { ok: false, response: methodNotAllowed('POST') };
  const crossSite = refuseCrossSite(req);
  if (crossSite) return { ok: false, response: crossSite };
  return requireSession(req);
}

async function readSession(req: Request, keys: SessionKeys): Promise<Session | null> {
  const sealed = unseal(readCookie(req, SESSION_COOKIE), 'session', keys);
  if (!sealed) return null;
  const { at, name, email } = sealed.payload;
  return { accessToken: at, name, email, expiresAt: sealed.expiresAt };
}

/**
 * A session that Zoom still vouches for: its access token still works at Zoom (`GET /v2/users/me`). Sign-out revokes
 * the token there, so a copy of the cookie kept from before stops working everywhere a session is honoured, not
 * only where a route happens to call Zoom (docs/security.md: the cost is one Zoom request per check). A token Zoom
 * refuses (401) ends the session and clears its cookie; a Zoom that cannot be asked fails closed with its answer.
 * An app without scope user:read:user still gets a yes: Zoom checked the token before it refused the scope.
 */
export async function vouchedSession(req: Request): Promise<SessionCheck> {
  const signedIn = await requireSession(req);
  if (!signedIn.ok) return signedIn;
  const user = await fetchUser(signedIn.setup.app, signedIn.session.accessToken);
  if (user.ok || user.problem.code === 'zoom_missing_scope') return signedIn;
  return {
    ok: false,
    response:
      user.problem.status === 401 ? withCookie(notSignedIn(), clearCookie(SESSION_COOKIE)) : zoomFailure(user.problem),
  };
}

/** Zoom's refusal as our JSON error; when Zoom no longer accepts the token, the session is dropped as well. */
export function zoomFailure(failure: ZoomFailure): Response {
  const response = jsonError(failure.status, failure.code, failure.message);
  return failure.status === 401 ? withCookie(response, clearCookie(SESSION_COOKIE)) : response;
}
