/**
 * Every error code our functions answer with (`{ error: { code, message } }`), explained for people. The type
 * check fails when the contract gains a code without an entry here. The page shows the function's own message as
 * the cause when there is one (it names the field or variable); `cause` here is the usual reason, for docs/.
 */
import type { ErrorCode } from '../contract.ts';
import type { Explanation } from '../explanation.ts';

const SIGN_IN_AGAIN = 'Click “Sign in with Zoom” above, then try again.';

export const API_ERRORS = {
  invalid_json: {
    meaning: 'The request body is not valid JSON.',
    cause: 'A client built the body by hand, or sent form data with a JSON content type.',
    fix: 'Send the body as JSON (JSON.stringify) with "Content-Type: application/json".',
  },
  invalid_request: {
    meaning: 'A field of the request is missing or wrong.',
    cause: 'The answer’s `fields` names each field and what is wrong with it.',
    fix: 'Correct the fields listed below and join again.',
  },
  method_not_allowed: {
    meaning: 'The route does not take this method.',
    cause: 'A GET (a link, a browser address bar) or another method reached a POST route, or the reverse.',
    fix: 'Use the method named in the answer’s Allow header.',
  },
  unsupported_media_type: {
    meaning: 'The request body is not declared as JSON.',
    cause: 'The Content-Type header is missing or is not application/json (e.g. a form post).',
    fix: 'Send "Content-Type: application/json".',
  },
  payload_too_large: {
    meaning: 'The request body is too large.',
    cause: 'The body is over 4096 bytes; a signature request is a few dozen.',
    fix: 'Send only the contract’s fields.',
  },
  signer_not_configured: {
    meaning: 'The signer has no credentials.',
    cause: 'ZOOM_MEETING_SDK_KEY or ZOOM_MEETING_SDK_SECRET is not set where the function runs.',
    fix:
      'Put the Meeting SDK app’s Client ID and Client Secret in .env (locally) or in the Netlify site’s environment ' +
      'variables, then restart `npm run dev` or redeploy.',
  },
  setting_invalid: {
    meaning: 'One of the site’s settings has a value it does not accept, so the route refuses to guess.',
    cause: 'An environment variable is mistyped or of the wrong shape; the message names it and what it accepts.',
    fix:
      'Correct that variable in .env (locally) or in the Netlify site’s environment variables (README, Environment ' +
      'variables), then restart `npm run dev` or redeploy.',
  },
  meeting_not_allowed: {
    meaning: 'This site does not serve that meeting.',
    cause: 'ZOOM_ALLOWED_MEETINGS is set and does not list this meeting number.',
    fix: 'Use one of the meetings this site is set up for, or add it to ZOOM_ALLOWED_MEETINGS.',
  },
  origin_not_allowed: {
    meaning: 'The signer does not serve pages of this origin.',
    cause: 'ALLOWED_ORIGINS is set on the signer’s site and does not list this page’s origin.',
    fix: 'Add this page’s origin to ALLOWED_ORIGINS on the signer’s site, or use the signer of this site.',
  },
  host_sign_in_required: {
    meaning: 'This site signs host (role 1) joins only for a host signed in with Zoom.',
    cause: 'ZOOM_HOST_SIGNATURES=signed-in is set on the site, and this browser is not signed in with Zoom.',
    fix: 'Click “Sign in with Zoom” above as the meeting’s host, then start again; or join as Attendee.',
  },
  sign_in_not_configured: {
    meaning: 'Sign in with Zoom is not set up on this site.',
    cause: 'SESSION_SECRET (at least 32 characters) is not set in the site’s environment variables.',
    fix: 'Set SESSION_SECRET (at least 32 random characters) in the site’s environment variables and redeploy, or paste a ZAK under More options.',
  },
  not_signed_in: {
    meaning: 'Nobody is signed in with Zoom in this browser.',
    cause: 'The session cookie is missing or expired (it ends with Zoom’s access token, after about an hour).',
    fix: SIGN_IN_AGAIN,
  },
  cross_site_request: {
    meaning: 'The request did not come from this site’s own page.',
    cause: 'Its Origin or Sec-Fetch-Site header names another site: token routes only serve this site’s page.',
    fix: 'Use this site’s own page to join.',
  },
  zoom_session_invalid: {
    meaning: 'Zoom no longer accepts this sign-in.',
    cause: 'The Zoom access token was revoked (e.g. “Sign me out of all devices”) or expired.',
    fix: `Your Zoom sign-in was revoked or expired. ${SIGN_IN_AGAIN}`,
  },
  zoom_rate_limited: {
    meaning: 'Zoom is rate-limiting these requests.',
    cause: 'Too many token requests for this app or user in a short time.',
    fix: 'Wait a few seconds and try again.',
  },
  zoom_missing_scope: {
    meaning: 'The Zoom app lacks a scope this route needs.',
    cause: 'The Marketplace app does not have the scope named in the message (e.g. user:read:token).',
    fix: 'Add the scopes in the Zoom Marketplace (your app → Scopes), then sign out and sign in again.',
  },
  zoom_unavailable: {
    meaning: 'Zoom did not answer.',
    cause: 'Zoom’s API failed (5xx) or could not be reached from the function.',
    fix: 'Try again in a moment; check status.zoom.us if it persists.',
  },
  zoom_error: {
    meaning: 'Zoom refused the request.',
    cause: 'Zoom answered with an error this site does not expect; the message has Zoom’s words.',
    fix: 'Sign out, sign in with Zoom again, and retry.',
  },
} as const satisfies Record<ErrorCode, Explanation>;

/** The explanation for a code a function answered with; an unknown code (another backend's) gets a general one. */
export function explainApiError(code: string, message?: string): Explanation {
  const known: Explanation | undefined = Object.hasOwn(API_ERRORS, code) ? API_ERRORS[code as ErrorCode] : undefined;
  return {
    meaning: known?.meaning ?? `The server answered with the error “${code}”.`,
    cause: message || known?.cause || 'The server gave no reason.',
    fix: known?.fix ?? 'Fix what the server names and try again.',
  };
}
