/**
 * The reasons a "Sign in with Zoom" comes back to the page without a session (`?signin_error=<reason>`): the
 * callback function sends the code, the page and docs/ explain it from this table.
 */
import type { Explanation } from '../explanation.ts';

/** Why a sign-in came back without a session, as the page explains it. */
export const SIGN_IN_ERRORS = {
  access_denied: {
    meaning: 'Sign-in was cancelled.',
    cause: 'Zoom reports that the app was not authorised (the consent screen was declined).',
    fix: 'Sign in again and choose Allow on Zoom’s page.',
  },
  state_mismatch: {
    meaning: 'The sign-in answer did not belong to this browser’s sign-in.',
    cause: 'The state Zoom sent back does not match the one this browser started with (a stale tab or a forged link).',
    fix: 'Start again with “Sign in with Zoom” on this page.',
  },
  login_expired: {
    meaning: 'The sign-in took too long or was started elsewhere.',
    cause: 'The short-lived sign-in cookie (10 minutes) is missing, expired or was altered.',
    fix: 'Start again with “Sign in with Zoom”; allow cookies for this site.',
  },
  code_rejected: {
    meaning: 'Zoom refused to complete the sign-in.',
    cause:
      'The authorization code was already used or expired, or the redirect URL, Client ID or Client Secret do not ' +
      'match the Marketplace app.',
    fix:
      'Sign in again. If it keeps failing, check that the app’s OAuth redirect URL is exactly this site’s ' +
      '/api/auth/callback and that the site uses that app’s Client ID and Secret.',
  },
  zoom_unavailable: {
    meaning: 'Zoom did not answer the sign-in.',
    cause: 'Zoom’s OAuth service failed or rate-limited the request, or could not be reached.',
    fix: 'Wait a moment and sign in again; check status.zoom.us if it persists.',
  },
  not_configured: {
    meaning: 'Sign in with Zoom is not set up on this site.',
    cause: 'SESSION_SECRET (or the Client ID/Secret) is not set in the site’s environment variables.',
    fix: 'Set SESSION_SECRET to a random value of at least 32 characters (e.g. `openssl rand -base64 32`), then redeploy.',
  },
  session_too_large: {
    meaning: 'The sign-in could not be kept in this browser.',
    cause: 'Zoom’s token with your name and email made a session cookie larger than browsers keep (4 KB).',
    fix: 'Sign in again. If it keeps happening, shorten the Zoom display name, or paste a ZAK under More options.',
  },
  zoom_error: {
    meaning: 'Zoom reported an error during sign-in.',
    cause: 'Zoom redirected back with an error instead of an authorization code.',
    fix: 'Check the app in the Zoom Marketplace (redirect URL, scopes, app status) and sign in again.',
  },
} as const satisfies Record<string, Explanation>;
export type SignInError = keyof typeof SIGN_IN_ERRORS;

export function isSignInError(value: string | null): value is SignInError {
  return value !== null && Object.hasOwn(SIGN_IN_ERRORS, value);
}
