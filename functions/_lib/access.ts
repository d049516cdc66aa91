import { SETTINGS } from '../../lib/settings.ts';
import { jsonError } from './respond.ts';

const ALLOWED_ORIGINS_VAR = SETTINGS.ALLOWED_ORIGINS.name;
const ALLOWED_MEETINGS_VAR = SETTINGS.ZOOM_ALLOWED_MEETINGS.name;

type OriginCheck = { ok: true; headers: Record<string, string> } | { ok: false; response: Response };

/**
 * The page and the function share an origin, so by default no CORS headers are sent at all. Pages on other
 * origins are served only when listed exactly in ALLOWED_ORIGINS (`allowed`); any other foreign origin is refused then.
 */
export function checkOrigin(req: Request, allowed: string[]): OriginCheck {
  const origin = req.headers.get('origin');
  if (!origin || origin === new URL(req.url).origin || allowed.length === 0) return { ok: true, headers: {} };
  if (allowed.includes(origin)) {
    return { ok: true, headers: { 'access-control-allow-origin': origin, vary: 'Origin' } };
  }
  return {
    ok: false,
    response: jsonError(
      403,
      'origin_not_allowed',
      `Pages on ${origin} may not use this signer (see ${ALLOWED_ORIGINS_VAR}).`,
    ),
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

/**
 * The 403 for a meeting outside ZOOM_ALLOWED_MEETINGS (`allowed`, normalised; empty: any meeting), or null. With a
 * list, others cannot use your app's quota.
 */
export function refuseMeeting(meetingNumber: string, allowed: string[]): Response | null {
  if (allowed.length === 0 || allowed.includes(meetingNumber)) return null;
  return jsonError(
    403,
    'meeting_not_allowed',
    `This site only serves the meetings listed in ${ALLOWED_MEETINGS_VAR}.`,
    {
      fields: { meetingNumber: ['is not one of the meetings this site may join'] },
    },
  );
}
