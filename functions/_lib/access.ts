import { normaliseMeetingNumber } from '../../lib/contract.ts';
import { readList } from './env.ts';
import { jsonError } from './respond.ts';

const ALLOWED_ORIGINS_VAR = 'ALLOWED_ORIGINS';
const ALLOWED_MEETINGS_VAR = 'ZOOM_ALLOWED_MEETINGS';

type OriginCheck = { ok: true; headers: Record<string, string> } | { ok: false; response: Response };

/**
 * The page and the function share an origin, so by default no CORS headers are sent at all. Pages on other
 * origins are served only when listed exactly in ALLOWED_ORIGINS; any other foreign origin is refused then.
 */
export function checkOrigin(req: Request): OriginCheck {
  const origin = req.headers.get('origin');
  const allowed = readList(ALLOWED_ORIGINS_VAR);
  if (!origin || origin === new URL(req.url).origin || allowed.length === 0) return { ok: true, headers: {} };
  if (allowed.includes(origin)) {
    return { ok: true, headers: { 'access-control-allow-origin': origin, vary: 'Origin' } };
  }
  return {
    ok: false,
    response: jsonError(403, 'origin_not_allowed', `Pages on ${origin} may not use this signer (see ${ALLOWED_ORIGINS_VAR}).`),
  };
}

/** The answer to a CORS preflight from an allowed origin. */
export function preflight(headers: Record<string, string>): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...headers,
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
    },
  });
}

/** With ZOOM_ALLOWED_MEETINGS set, only those meetings are served (others cannot use your app's quota). */
function meetingAllowed(meetingNumber: string): boolean {
  const allowed = readList(ALLOWED_MEETINGS_VAR).map(normaliseMeetingNumber);
  return allowed.length === 0 || allowed.includes(meetingNumber);
}

/** The 403 for a meeting outside ZOOM_ALLOWED_MEETINGS, or null when it may be served. */
export function refuseMeeting(meetingNumber: string): Response | null {
  if (meetingAllowed(meetingNumber)) return null;
  return jsonError(403, 'meeting_not_allowed', `This site only serves the meetings listed in ${ALLOWED_MEETINGS_VAR}.`, {
    fields: { meetingNumber: ['is not one of the meetings this site may join'] },
  });
}
