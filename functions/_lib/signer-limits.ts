import { MAX_EXPIRATION_SECONDS, MIN_EXPIRATION_SECONDS } from '../../lib/contract.ts';
import { readEnv } from './env.ts';
import { jsonError } from './respond.ts';

const MAX_LIFETIME_VAR = 'ZOOM_MAX_EXPIRATION_SECONDS';
const HOST_SIGNATURES_VAR = 'ZOOM_HOST_SIGNATURES';
/**
 * A signature is a bearer credential for the meeting until it expires. Zoom accepts up to 48 h; a public signer
 * hands out at most 4 h unless the site asks for more, so a leaked one is not good for two days.
 */
const DEFAULT_MAX_EXPIRATION_SECONDS = 14_400;

/** The site's ceiling: ZOOM_MAX_EXPIRATION_SECONDS when it is a whole number within Zoom's bounds, else 4 h. */
function maxExpirationSeconds(): number {
  const raw = readEnv(MAX_LIFETIME_VAR);
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  return value >= MIN_EXPIRATION_SECONDS && value <= MAX_EXPIRATION_SECONDS ? value : DEFAULT_MAX_EXPIRATION_SECONDS;
}

/** The 400 for a lifetime above the site's ceiling, or null. */
export function refuseLifetime(expirationSeconds: number): Response | null {
  const ceiling = maxExpirationSeconds();
  if (expirationSeconds <= ceiling) return null;
  return jsonError(400, 'invalid_request', 'Check these fields: expirationSeconds.', {
    fields: { expirationSeconds: [`must be at most ${ceiling} on this site (${MAX_LIFETIME_VAR})`] },
  });
}

/**
 * ZOOM_HOST_SIGNATURES=signed-in: role-1 signatures only for a browser signed in with Zoom. Off by default: a
 * role-1 signature cannot start a meeting without the host's ZAK, and hosts who paste a ZAK have no sign-in.
 */
export const hostSignaturesNeedSignIn = (): boolean => readEnv(HOST_SIGNATURES_VAR).toLowerCase() === 'signed-in';
