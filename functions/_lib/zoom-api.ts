import { createHash, randomBytes } from 'node:crypto';
import type { ErrorCode } from '../../lib/contract.ts';
import { failed, succeeded, type Result } from '../../lib/result.ts';
import type { ZoomCloud } from '../../lib/zoom-cloud.ts';

/** Where sign-in talks to Zoom: the cloud's OAuth server and REST API, without a trailing slash. */
interface ZoomHosts {
  oauth: string;
  api: string;
}

/**
 * The OAuth server and REST API of the site's Zoom cloud: zoom.us, or Zoom for Government's when the site builds with
 * VITE_ZOOM_WEB_ENDPOINT=www.zoomgov.com (one variable on the site serves the build and the functions, so sign-in
 * cannot drift from where joins go). ZOOM_OAUTH_BASE_URL and ZOOM_API_BASE_URL override them; tests point both at
 * a fake Zoom on loopback. The values come parsed by lib/settings.ts: a malformed one never reaches here.
 */
export function zoomHosts(settings: { cloud: ZoomCloud; oauthBase: string; apiBase: string }): ZoomHosts {
  return {
    oauth: settings.oauthBase || settings.cloud.oauthBaseUrl,
    api: settings.apiBase || settings.cloud.apiBaseUrl,
  };
}

interface ClientCredentials {
  sdkKey: string;
  secret: string;
}

/** The Zoom app this site signs in with: its credentials and its cloud's hosts. */
export interface ZoomApp {
  credentials: ClientCredentials;
  hosts: ZoomHosts;
}

/** Zoom answers slowly at worst; a function must not hang until the platform kills it. */
const TIMEOUT_MS = 10_000;

const randomToken = (bytes: number) => randomBytes(bytes).toString('base64url');

/** PKCE (RFC 7636, S256): the verifier stays in our encrypted cookie, only its hash travels via the browser. */
export function createPkce(): { verifier: string; challenge: string; state: string } {
  const verifier = randomToken(32);
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url'), state: randomToken(24) };
}

export function authorizeUrl(app: ZoomApp, input: { redirectUri: string; state: string; challenge: string }): string {
  const url = new URL(`${app.hosts.oauth}/oauth/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: app.credentials.sdkKey,
    redirect_uri: input.redirectUri,
    state: input.state,
    code_challenge: input.challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.href;
}

/** Why Zoom did not help, as the function answers it: the HTTP status and our error code with its message. */
export interface ZoomFailure {
  status: number;
  code: ErrorCode;
  message: string;
}
type ZoomResult<T> = Result<T, ZoomFailure>;

const failure = (status: number, code: ErrorCode, message: string): ZoomFailure => ({ status, code, message });

/** Zoom's own error fields, for messages; never echoed whole (they could quote what was sent). */
function zoomReason(body: unknown): { code?: number; text: string } {
  const record = (body ?? {}) as Record<string, unknown>;
  const text = [record['reason'], record['message'], record['error']].find((v) => typeof v === 'string') as
    string | undefined;
  const code = typeof record['code'] === 'number' ? record['code'] : undefined;
  return { ...(code === undefined ? {} : { code }), text: (text ?? '').slice(0, 200) };
}

/** One request to Zoom with a timeout, read as JSON; network failures and non-JSON answers become failures. */
async function zoomFetch(
  url: string,
  init: RequestInit,
): Promise<ZoomResult<{ status: number; body: unknown; retryAfter: string | null }>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'manual' });
  } catch {
    return failed(failure(502, 'zoom_unavailable', 'Zoom could not be reached.'));
  }
  const text = await res.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    if (res.ok)
      return failed(failure(502, 'zoom_error', `Zoom answered HTTP ${res.status} with something other than JSON.`));
  }
  return succeeded({ status: res.status, body, retryAfter: res.headers.get('retry-after') });
}

/** Maps Zoom's API errors onto ours: what the page can act on (sign in again, wait, fix the app's scopes). */
function apiFailure(status: number, body: unknown, retryAfter: string | null): ZoomFailure {
  const reason = zoomReason(body);
  if (status === 401) {
    return failure(
      401,
      'zoom_session_invalid',
      'Zoom no longer accepts this sign-in (expired or revoked). Sign in again.',
    );
  }
  if (status === 429) {
    return failure(
      429,
      'zoom_rate_limited',
      `Zoom rate-limited the request${retryAfter ? `; retry after ${retryAfter} s` : ''}.`,
    );
  }
  if (reason.code === 4700 || reason.code === 4711 || /scope/i.test(reason.text)) {
    return failure(
      502,
      'zoom_missing_scope',
      'The Zoom app lacks a scope this site needs: add user:read:token and user:read:user in the Marketplace ' +
        '(your app → Scopes), then sign in again.',
    );
  }
  if (status >= 500) return failure(502, 'zoom_unavailable', `Zoom failed with HTTP ${status}. Try again in a moment.`);
  return failure(
    502,
    'zoom_error',
    `Zoom refused the request (HTTP ${status}${reason.code ? `, code ${reason.code}` : ''}${reason.text ? `: ${reason.text}` : ''}).`,
  );
}

const basicAuth = (c: ClientCredentials) => `Basic ${Buffer.from(`${c.sdkKey}:${c.secret}`).toString('base64')}`;

export interface ZoomTokens {
  accessToken: string;
  expiresIn: number;
}

/** The authorization-code grant with the PKCE verifier; the client secret authenticates us (Basic auth). */
export async function exchangeCode(
  app: ZoomApp,
  input: { code: string; redirectUri: string; verifier: string },
): Promise<ZoomResult<ZoomTokens>> {
  const answer = await zoomFetch(`${app.hosts.oauth}/oauth/token`, {
    method: 'POST',
    headers: { authorization: basicAuth(app.credentials), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: input.redirectUri,
      code_verifier: input.verifier,
    }),
  });
  if (!answer.ok) return answer;
  const { status, retryAfter } = answer.value;
  const body = (answer.value.body ?? {}) as Record<string, unknown>;
  if (status === 200 && typeof body['access_token'] === 'string' && body['access_token']) {
    const expiresIn = typeof body['expires_in'] === 'number' && body['expires_in'] > 0 ? body['expires_in'] : 3600;
    return succeeded({ accessToken: body['access_token'], expiresIn });
  }
  if (status === 429 || status >= 500) return failed(apiFailure(status, answer.value.body, retryAfter));
  return failed(
    failure(400, 'zoom_error', `Zoom refused the authorization code (${zoomReason(body).text || `HTTP ${status}`}).`),
  );
}

/**
 * Sign-out: the access token stops working at Zoom, which is what ends a session (functions/_lib/auth.ts asks Zoom
 * whether it still vouches for one). Succeeds once the token no longer works there (revoked now, or a 4xx for a
 * token already dead); fails when Zoom could not be asked (unreachable, 5xx, 429), so the caller can say so.
 */
export async function revokeToken(app: ZoomApp, accessToken: string): Promise<ZoomResult<undefined>> {
  const answer = await zoomFetch(`${app.hosts.oauth}/oauth/revoke`, {
    method: 'POST',
    headers: { authorization: basicAuth(app.credentials), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: accessToken }),
  });
  if (!answer.ok) return answer;
  const { status, body, retryAfter } = answer.value;
  return status === 429 || status >= 500 ? failed(apiFailure(status, body, retryAfter)) : succeeded(undefined);
}

async function apiGet(app: ZoomApp, accessToken: string, path: string): Promise<ZoomResult<Record<string, unknown>>> {
  const answer = await zoomFetch(`${app.hosts.api}${path}`, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
  });
  if (!answer.ok) return answer;
  const { status, body, retryAfter } = answer.value;
  if (status !== 200) return failed(apiFailure(status, body, retryAfter));
  if (body === null || typeof body !== 'object')
    return failed(failure(502, 'zoom_error', 'Zoom answered with an empty body.'));
  return succeeded(body as Record<string, unknown>);
}

interface ZoomUser {
  name: string;
  email: string;
}

/** Who signed in, for "Signed in as …" (scope user:read:user). */
export async function fetchUser(app: ZoomApp, accessToken: string): Promise<ZoomResult<ZoomUser>> {
  const result = await apiGet(app, accessToken, '/v2/users/me');
  if (!result.ok) return result;
  const text = (key: string) => (typeof result.value[key] === 'string' ? (result.value[key] as string) : '');
  const name =
    text('display_name') || [text('first_name'), text('last_name')].filter(Boolean).join(' ') || text('email');
  return succeeded({ name: name || 'Zoom user', email: text('email') });
}

/**
 * `GET /v2/users/me/token` (scope user:read:token): `type=zak` is the host's Zoom Access Key; `type=onbehalf`
 * with `meeting_id` an OBF token for joining another account's meeting on this user's behalf.
 */
export async function fetchUserToken(
  app: ZoomApp,
  accessToken: string,
  request: { type: 'zak' } | { type: 'onbehalf'; meetingNumber: string },
): Promise<ZoomResult<string>> {
  const query = new URLSearchParams({ type: request.type });
  if (request.type === 'onbehalf') query.set('meeting_id', request.meetingNumber);
  const result = await apiGet(app, accessToken, `/v2/users/me/token?${query}`);
  if (!result.ok) return result;
  const token = result.value['token'];
  if (typeof token !== 'string' || !token) return failed(failure(502, 'zoom_error', 'Zoom answered without a token.'));
  return succeeded(token);
}
