import type { Config } from '@netlify/functions';
import { ObfRequest, type ObfResponse } from '../lib/auth-contract.ts';
import { SETTINGS } from '../lib/settings.ts';
import { refuseMeeting } from './_lib/access.ts';
import { requireSignedInPost, zoomFailure } from './_lib/auth.ts';
import { json } from './_lib/respond.ts';
import { readSettings } from './_lib/settings.ts';
import { validateJsonBody } from './_lib/validate-request.ts';
import { fetchUserToken } from './_lib/zoom-api.ts';
import { withRequestLog } from './_lib/request-log.ts';

/** Zoom's OBF lifetime. */
const OBF_LIFETIME_MS = 2 * 60 * 60 * 1000;

/**
 * An OBF ("on behalf of") token for one meeting: since 2026-03-02 Zoom requires it (or a ZAK) to join a meeting
 * hosted outside the app's own account. It works while the signed-in user is in that meeting.
 */
export default withRequestLog(async (req: Request): Promise<Response> => {
  const settings = readSettings({ allowedMeetings: SETTINGS.ZOOM_ALLOWED_MEETINGS });
  if (!settings.ok) return settings.response;
  const signedIn = await requireSignedInPost(req);
  if (!signedIn.ok) return signedIn.response;
  const request = await validateJsonBody(req, ObfRequest);
  if (!request.ok) return request.response;
  const { meetingNumber } = request.data;
  const refused = refuseMeeting(meetingNumber, settings.values.allowedMeetings);
  if (refused) return refused;
  const obf = await fetchUserToken(signedIn.setup.app, signedIn.session.accessToken, {
    type: 'onbehalf',
    meetingNumber,
  });
  if (!obf.ok) return zoomFailure(obf.problem);
  const body: ObfResponse = {
    obfToken: obf.value,
    meetingNumber,
    expiresAt: new Date(Date.now() + OBF_LIFETIME_MS).toISOString(),
  };
  return json(200, body);
});

export const config: Config = {
  path: '/api/obf',
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
