/**
 * What can be wrong with a Meeting SDK signature, each with its meaning and fix: one table for the page's
 * inspector, `npm run check-signature` and docs/. The cause of a found problem is the detail of that signature.
 */
import { MAX_EXPIRATION_SECONDS, MIN_EXPIRATION_SECONDS } from '../contract.ts';
import type { Explanation } from '../explanation.ts';

const SIGN_LIKE_THIS = 'Sign an HS256 JWT as functions/_lib/sign-jwt.ts does.';

export const SIGNATURE_PROBLEMS = {
  not_jwt: {
    meaning: 'This is not a JWT.',
    fix: 'Return the JWT itself (three base64url parts joined by dots), not an object, a quoted string or HTML.',
  },
  legacy_format: {
    meaning: 'A legacy signature, which Zoom no longer accepts.',
    fix:
      'This is the pre-2022 format (base64 of apiKey.meetingNumber.timestamp.role.hash) from old Ruby/Node examples. ' +
      `Zoom no longer accepts it (JWT apps were retired on 2023-09-08). ${SIGN_LIKE_THIS}`,
  },
  bad_alg: {
    meaning: 'Not signed with HS256.',
    fix: 'Sign with HMAC-SHA256 and set the header to {"alg":"HS256","typ":"JWT"}.',
  },
  bad_typ: { meaning: 'The header is not a JWT header.', fix: 'Set "typ":"JWT" in the header.' },
  missing_app_key: {
    meaning: 'No appKey claim.',
    fix: 'Add "appKey": your Meeting SDK Client ID. SDK 5.0 and later refuse signatures without it.',
  },
  missing_sdk_key: {
    meaning: 'No sdkKey claim.',
    fix: 'Add "sdkKey": your Meeting SDK Client ID (the same value as appKey).',
  },
  key_mismatch: {
    meaning: 'appKey and sdkKey differ.',
    fix: 'appKey and sdkKey must both be the Client ID of the same Meeting SDK app.',
  },
  missing_mn: { meaning: 'No meeting number (mn).', fix: 'Add "mn": the meeting number, digits only.' },
  mn_mismatch: {
    meaning: 'Signed for another meeting.',
    fix: 'Sign for exactly the meeting number you join (digits only: strip spaces and dashes).',
  },
  bad_role: { meaning: 'The role is neither 0 nor 1.', fix: 'Set "role" to the number 0 (attendee) or 1 (host).' },
  role_mismatch: { meaning: 'Signed for another role.', fix: 'Sign with the role chosen in the form.' },
  claim_not_number: {
    meaning: 'A time claim is not a number.',
    fix: 'Write iat, exp and tokenExp as numbers of seconds since 1970, not strings or milliseconds.',
  },
  missing_claim: {
    meaning: 'A time claim is missing.',
    fix: 'Add iat (issued at) and exp (expiry), in seconds since 1970.',
  },
  iat_future: {
    meaning: 'Issued in the future.',
    fix: 'The signer’s clock is ahead: sync it (NTP), and back-date iat by about 30 seconds.',
  },
  lifetime_short: {
    meaning: 'Valid for too short a time.',
    fix: `Make exp − iat at least ${MIN_EXPIRATION_SECONDS} seconds (30 minutes).`,
  },
  lifetime_long: {
    meaning: 'Valid for too long a time.',
    fix: `Make exp − iat at most ${MAX_EXPIRATION_SECONDS} seconds (48 hours).`,
  },
  expired: { meaning: 'The signature has expired.', fix: 'Sign right before each join; check the signer’s clock.' },
  missing_token_exp: { meaning: 'No tokenExp claim.', fix: 'Add "tokenExp" with the same value as exp.' },
  bad_hmac: {
    meaning: 'The HMAC does not verify.',
    fix:
      'The signature does not verify with ZOOM_MEETING_SDK_SECRET: it was signed with another secret (another app, ' +
      'or the development/production pair mixed up), or altered after signing.',
  },
  secret_key_mismatch: {
    meaning: 'Signed for another app’s Client ID.',
    fix: 'Use the Client ID and Client Secret of the same Meeting SDK app.',
  },
} as const satisfies Record<string, Omit<Explanation, 'cause'>>;

type SignatureProblemCode = keyof typeof SIGNATURE_PROBLEMS;

export interface SignatureProblem extends Explanation {
  code: SignatureProblemCode;
}

/** A problem found in one signature; `cause` says what exactly in it is wrong. */
export function problem(code: SignatureProblemCode, cause: string): SignatureProblem {
  return { code, ...SIGNATURE_PROBLEMS[code], cause };
}
