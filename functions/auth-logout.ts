import type { Config } from '@netlify/functions';
import type { SessionResponse } from '../lib/auth-contract.ts';
import { SESSION_COOKIE, SESSION_COOKIE_PATH, refuseCrossSite, requireSession } from './_lib/auth.ts';
import { json, methodNotAllowed, withCookie } from './_lib/respond.ts';
import { clearCookie } from './_lib/session.ts';
import { revokeToken } from './_lib/zoom-api.ts';

/** Signs out: the token is revoked at Zoom (best effort) and the session cookie is cleared in any case. */
export default async (req: Request): Promise<Response> => {
  if (req.method !== 'POST') return methodNotAllowed('POST');
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const clear = clearCookie(SESSION_COOKIE, SESSION_COOKIE_PATH);
  const signedIn = await requireSession(req);
  if (!signedIn.ok) return withCookie(signedIn.response, clear);
  await revokeToken(signedIn.setup.credentials, signedIn.session.accessToken);
  const body: SessionResponse = { signedIn: false };
  return withCookie(json(200, body), clear);
};

export const config: Config = { path: '/api/auth/logout' };
