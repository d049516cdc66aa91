import type { Config } from '@netlify/functions';
import type { ZakResponse } from '../lib/auth-contract.ts';
import { requireSignedInPost, zoomFailure } from './_lib/auth.ts';
import { json } from './_lib/respond.ts';
import { fetchUserToken } from './_lib/zoom-api.ts';
import { withRequestLog } from './_lib/request-log.ts';

/** Zoom's ZAK lifetime: the page fetches one right before each start and never keeps it. */
const ZAK_LIFETIME_MS = 2 * 60 * 60 * 1000;

/** The signed-in host's ZAK, which lets a role-1 signature start the meeting. */
export default withRequestLog(async (req: Request): Promise<Response> => {
  const signedIn = await requireSignedInPost(req);
  if (!signedIn.ok) return signedIn.response;
  const zak = await fetchUserToken(signedIn.setup.app, signedIn.session.accessToken, { type: 'zak' });
  if (!zak.ok) return zoomFailure(zak.problem);
  const body: ZakResponse = { zak: zak.value, expiresAt: new Date(Date.now() + ZAK_LIFETIME_MS).toISOString() };
  return json(200, body);
});

export const config: Config = {
  path: '/api/zak',
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
