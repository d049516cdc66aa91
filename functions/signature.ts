import type { Config, Context } from '@netlify/functions';
import type { SignatureResponse } from '../lib/contract.ts';
import { readCredentials } from './_lib/credentials.ts';
import { json, jsonError } from './_lib/respond.ts';
import { signMeetingSdkJwt } from './_lib/sign-jwt.ts';
import { validateSignatureRequest } from './_lib/validate-request.ts';

export default async (req: Request, _context: Context): Promise<Response> => {
  if (req.method !== 'POST') {
    return jsonError(405, 'method_not_allowed', 'Use POST.', { headers: { allow: 'POST' } });
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
};

// Netlify reads this object statically, so the path is a literal (the page's SIGNATURE_PATH must match; a test
// pins both). No `method` here: the function must see other methods to answer them with 405 and `Allow`.
export const config: Config = { path: '/api/signature' };
