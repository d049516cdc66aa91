import type { Config } from '@netlify/functions';
import type { SignatureResponse } from '../lib/contract.ts';
import { checkOrigin, preflight, refuseMeeting } from './_lib/access.ts';
import { requireSession } from './_lib/auth.ts';
import { readCredentials } from './_lib/env.ts';
import { json, jsonError, methodNotAllowed, withHeaders } from './_lib/respond.ts';
import { signMeetingSdkJwt } from './_lib/sign-jwt.ts';
import { hostSignaturesNeedSignIn, refuseLifetime } from './_lib/signer-limits.ts';
import { validateSignatureRequest } from './_lib/validate-request.ts';
import { withRequestLog } from './_lib/request-log.ts';

export default withRequestLog(async (req: Request): Promise<Response> => {
  const origin = checkOrigin(req);
  if (!origin.ok) return origin.response;
  if (req.method === 'OPTIONS' && origin.headers['access-control-allow-origin']) return preflight(origin.headers);
  return withHeaders(await sign(req), origin.headers);
});

async function sign(req: Request): Promise<Response> {
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

  const { meetingNumber, role, expirationSeconds, videoWebRtcMode } = request.data;
  const refused = refuseMeeting(meetingNumber) ?? refuseLifetime(expirationSeconds) ?? (role === 1 ? await refuseHost(req) : null);
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

/** With ZOOM_HOST_SIGNATURES=signed-in, the 403/503 for a role-1 request without a Zoom sign-in, else null. */
async function refuseHost(req: Request): Promise<Response | null> {
  if (!hostSignaturesNeedSignIn()) return null;
  const session = await requireSession(req);
  if (session.ok) return null;
  if (session.response.status !== 401) return session.response;
  return jsonError(403, 'host_sign_in_required', 'This site signs host (role 1) joins only for a host signed in with Zoom.');
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
