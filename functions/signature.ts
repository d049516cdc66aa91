import type { Config } from '@netlify/functions';
import { DEFAULT_EXPIRATION_SECONDS, type SignatureResponse } from '../lib/contract.ts';
import { SETTINGS } from '../lib/settings.ts';
import { checkOrigin, preflight, refuseMeeting } from './_lib/access.ts';
import { vouchedSession } from './_lib/auth.ts';
import { readCredentials } from './_lib/env.ts';
import { json, jsonError, methodNotAllowed, withHeaders } from './_lib/respond.ts';
import { readSettings } from './_lib/settings.ts';
import { signMeetingSdkJwt } from './_lib/sign-jwt.ts';
import { refuseLifetime } from './_lib/signer-limits.ts';
import { validateSignatureRequest } from './_lib/validate-request.ts';
import { withRequestLog } from './_lib/request-log.ts';

/** What the signer reads, in the order a malformed one is named (every drop-in signer in signers/ checks the same). */
const SIGNER_SETTINGS = {
  allowedOrigins: SETTINGS.ALLOWED_ORIGINS,
  allowedMeetings: SETTINGS.ZOOM_ALLOWED_MEETINGS,
  maxLifetime: SETTINGS.ZOOM_MAX_EXPIRATION_SECONDS,
  hostSignatures: SETTINGS.ZOOM_HOST_SIGNATURES,
};
type SignerSettings = Extract<ReturnType<typeof readSettings<typeof SIGNER_SETTINGS>>, { ok: true }>['values'];

export default withRequestLog(async (req: Request): Promise<Response> => {
  // First, for every method: without its settings the signer cannot even tell an allowed origin from another.
  const settings = readSettings(SIGNER_SETTINGS);
  if (!settings.ok) return settings.response;
  const origin = checkOrigin(req, settings.values.allowedOrigins);
  if (!origin.ok) return origin.response;
  if (req.method === 'OPTIONS' && origin.headers['access-control-allow-origin']) return preflight(origin.headers);
  return withHeaders(await sign(req, settings.values), origin.headers);
});

async function sign(req: Request, settings: SignerSettings): Promise<Response> {
  if (req.method !== 'POST') {
    return methodNotAllowed('POST');
  }
  const credentials = readCredentials();
  if (!credentials.ok) {
    return jsonError(
      503,
      'signer_not_configured',
      `The signer is not configured: set ${credentials.missing.join(' and ')} (your Meeting SDK app's ` +
        'Client ID and Client Secret from the Zoom App Marketplace) in .env locally or in the Netlify site settings.',
    );
  }
  const request = await validateSignatureRequest(req);
  if (!request.ok) return request.response;

  const { meetingNumber, role, videoWebRtcMode } = request.data;
  // Left out: 2 h, or the site's ceiling when lower, so a site that caps lifetimes at 1 h still signs the page's
  // requests (which leave it out). Asked for: refused above the ceiling, never silently shortened.
  const expirationSeconds =
    request.data.expirationSeconds ?? Math.min(DEFAULT_EXPIRATION_SECONDS, settings.maxLifetime);
  const refused =
    refuseMeeting(meetingNumber, settings.allowedMeetings) ??
    refuseLifetime(expirationSeconds, settings.maxLifetime) ??
    (role === 1 && settings.hostSignatures === 'signed-in' ? await refuseHost(req) : null);
  if (refused) return refused;
  const { token, claims } = signMeetingSdkJwt({
    sdkKey: credentials.sdkKey,
    secret: credentials.secret,
    meetingNumber,
    role,
    expirationSeconds,
    videoWebRtcMode,
  });
  const body: SignatureResponse = {
    signature: token,
    sdkKey: credentials.sdkKey,
    expiresAt: new Date(claims.exp * 1000).toISOString(),
  };
  return json(200, body);
}

/**
 * With ZOOM_HOST_SIGNATURES=signed-in, the 403/503 for a role-1 request without a live Zoom sign-in (a signed-out
 * session's cookie included), else null.
 */
async function refuseHost(req: Request): Promise<Response | null> {
  const session = await vouchedSession(req);
  if (session.ok) return null;
  if (session.response.status !== 401) return session.response;
  return jsonError(
    403,
    'host_sign_in_required',
    'This site signs host (role 1) joins only for a host signed in with Zoom.',
  );
}

// Netlify reads this object statically, so every value is a literal (the page's SIGNATURE_PATH must match; a test
// pins both). No `method` here: the function must see other methods to answer them with 405 and `Allow`.
export const config: Config = {
  path: '/api/signature',
  // 30 signatures a minute per client IP on this site: plenty for people joining, a wall for scripts.
  // `aggregateBy` must be an array: a plain string is silently replaced by ["domain"] (one budget for everyone).
  // Netlify enforces this on deploys only; `netlify dev` ignores it.
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
