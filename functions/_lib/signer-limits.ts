import { SETTINGS } from '../../lib/settings.ts';
import { jsonError } from './respond.ts';

/**
 * The 400 for a lifetime above the site's ceiling (ZOOM_MAX_EXPIRATION_SECONDS, 4 h unless the site asks for more:
 * a signature is a bearer credential for its meeting until it expires, and Zoom accepts up to 48 h), or null.
 */
export function refuseLifetime(expirationSeconds: number, ceiling: number): Response | null {
  if (expirationSeconds <= ceiling) return null;
  return jsonError(400, 'invalid_request', 'Check these fields: expirationSeconds.', {
    fields: {
      expirationSeconds: [`must be at most ${ceiling} on this site (${SETTINGS.ZOOM_MAX_EXPIRATION_SECONDS.name})`],
    },
  });
}
