/**
 * The one definition of what the page sends to `POST /api/signature` and what it gets back.
 * The function validates requests with it; the page validates its form and the signer's response with it.
 */
// zod/mini: the same validation with tree-shakable functions, so the page's first load stays small.
import * as z from 'zod/mini';

export const SIGNATURE_PATH = '/api/signature';

/** Zoom accepts 1800 s (30 min) to 48 h between `iat` and `exp`. */
export const MIN_EXPIRATION_SECONDS = 1800;
export const MAX_EXPIRATION_SECONDS = 172_800;
/** A lifetime left out is 2 h, or the site's ceiling when that is lower (functions/signature.ts). */
export const DEFAULT_EXPIRATION_SECONDS = 7200;

/** Requests are a few dozen bytes; anything bigger is not one of ours. */
export const MAX_REQUEST_BYTES = 4096;

/**
 * Users paste numbers as shown in invites ("978-759-818", "978 759 818"); the dashed form
 * reaches Zoom as errorCode 1, so separators are stripped before anything else looks at it.
 */
export function normaliseMeetingNumber(value: string | number): string {
  return String(value).replace(/[\s-]/g, '');
}

/** zod reports a missing field with the type's own message; say "is required" instead. */
const orRequired =
  (message: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? 'is required' : message;

export const MeetingNumber = z.pipe(
  z.pipe(
    z.union([z.string(), z.number()], { error: orRequired('must be a string or a number') }),
    z.transform(normaliseMeetingNumber),
  ),
  z.string().check(z.regex(/^\d{9,11}$/, { error: 'must be 9 to 11 digits (spaces and dashes are ignored)' })),
);

/**
 * Zoom's auth endpoint sample coerces `role`, `expirationSeconds` and `videoWebRtcMode` with parseInt, so clients
 * written for it send "1" or "3600". Exactly such strings are accepted (and become numbers); " 1", "1e3", "1.5"
 * and "" are not, since parseInt would read them as something the client did not mean.
 */
const zeroOrOne = (error: string | ((issue: { input?: unknown }) => string)) =>
  z.pipe(
    z.literal([0, 1, '0', '1'], { error }),
    z.transform((value): 0 | 1 => (Number(value) === 1 ? 1 : 0)),
  );
const digitString = z.pipe(z.string().check(z.regex(/^[0-9]+$/)), z.transform(Number));

export const Role = zeroOrOne(orRequired('must be 0 (attendee) or 1 (host)'));
export type Role = z.output<typeof Role>;

const wholeSeconds = { error: 'must be a whole number of seconds' };

export const SignatureRequest = z.strictObject(
  {
    meetingNumber: MeetingNumber,
    role: Role,
    expirationSeconds: z.optional(
      z.pipe(
        z.union([z.number(), digitString], wholeSeconds),
        z
          .int(wholeSeconds)
          .check(
            z.minimum(MIN_EXPIRATION_SECONDS, { error: `must be at least ${MIN_EXPIRATION_SECONDS} (30 minutes)` }),
            z.maximum(MAX_EXPIRATION_SECONDS, { error: `must be at most ${MAX_EXPIRATION_SECONDS} (48 hours)` }),
          ),
      ),
    ),
    videoWebRtcMode: z.optional(zeroOrOne('must be 0 or 1')),
  },
  { error: 'must be a JSON object' },
);
/** What a caller may send (meetingNumber as typed, defaults omitted). */
export type SignatureRequestInput = z.input<typeof SignatureRequest>;

export const SignatureResponse = z.object({
  signature: z.string().check(z.minLength(1)),
  /** The Client ID the signature was made for: public, shown to help spot a mismatched app. */
  sdkKey: z.string().check(z.minLength(1)),
  /** When the signature stops working (ISO 8601, UTC). */
  expiresAt: z.iso.datetime(),
});
export type SignatureResponse = z.infer<typeof SignatureResponse>;

/**
 * What the page accepts from any signer: ours and the drop-in signers (signers/) answer SignatureResponse; a backend
 * of your own may answer only `{ signature }`, or mean something else by `expiresAt` (epoch seconds). The page needs
 * the signature alone (it decodes the claims itself): sdkKey and expiresAt are kept when the whole answer is ours.
 */
export const SignerAnswer = z.union([SignatureResponse, z.object({ signature: SignatureResponse.shape.signature })]);
export type SignerAnswer = z.output<typeof SignerAnswer>;

export const ERROR_CODES = [
  'invalid_json',
  'invalid_request',
  'method_not_allowed',
  'unsupported_media_type',
  'payload_too_large',
  'signer_not_configured',
  'setting_invalid',
  'meeting_not_allowed',
  'origin_not_allowed',
  'host_sign_in_required',
  // Sign in with Zoom (ZAK / OBF)
  'sign_in_not_configured',
  'not_signed_in',
  'cross_site_request',
  'zoom_session_invalid',
  'zoom_rate_limited',
  'zoom_missing_scope',
  'zoom_unavailable',
  'zoom_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Field name → messages. `body` stands for the request as a whole. */
export type FieldErrors = Record<string, string[]>;

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.optional(z.record(z.string(), z.array(z.string()))),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Turns zod issues into `{ field: [messages] }`, naming unknown fields one by one. */
export function fieldErrors(error: { issues: readonly z.core.$ZodIssue[] }): FieldErrors {
  // No prototype: a client may name a field "toString" or "__proto__".
  const fields: FieldErrors = Object.create(null) as FieldErrors;
  const add = (field: string, message: string) => (fields[field] ??= []).push(message);
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add(key, 'is not an accepted field');
    } else {
      add(issue.path.map(String).join('.') || 'body', issue.message);
    }
  }
  return fields;
}
