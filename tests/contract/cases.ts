/**
 * The request table of the signature contract: bodies and what the signer must answer. The function's handler
 * (tests/unit/signature.test.ts) and every signer over HTTP (signer-contract.ts) are held to the same rows.
 */
import type { FieldErrors } from '../../lib/contract.ts';

const DIGITS = 'must be 9 to 11 digits (spaces and dashes are ignored)';
const ROLE = 'must be 0 (attendee) or 1 (host)';
const WHOLE = 'must be a whole number of seconds';
const AT_LEAST = 'must be at least 1800 (30 minutes)';
const AT_MOST = 'must be at most 172800 (48 hours)';
const ZERO_OR_ONE = 'must be 0 or 1';
const UNKNOWN = 'is not an accepted field';
const valid = { meetingNumber: '123456789', role: 0 };
const row = (body: unknown, fields: FieldErrors) => [body, fields] as const;

/** Meeting numbers as people paste them → the digits signed into `mn`. */
export const MEETING_NUMBERS: ReadonlyArray<readonly [input: string | number, mn: string]> = [
  ['978-759-818', '978759818'],
  ['978 759 818', '978759818'],
  [' 978 - 7598 - 1800 ', '97875981800'],
  ['978\u00a0759\t818', '978759818'],
  [978759818, '978759818'],
  [97875981800, '97875981800'],
];

/** Bodies that are valid JSON but not a valid request → the `fields` of the 400 invalid_request. */
export const INVALID_REQUESTS: ReadonlyArray<readonly [body: unknown, fields: FieldErrors]> = [
  [{ role: 0 }, { meetingNumber: ['is required'] }],
  [{ meetingNumber: '123456789' }, { role: ['is required'] }],
  [{}, { meetingNumber: ['is required'], role: ['is required'] }],
  [{ meetingNumber: '12345678', role: 0 }, { meetingNumber: [DIGITS] }],
  [{ meetingNumber: '123456789012', role: 0 }, { meetingNumber: [DIGITS] }],
  [{ meetingNumber: 'abcdefghi', role: 0 }, { meetingNumber: [DIGITS] }],
  [{ meetingNumber: '１２３４５６７８９', role: 0 }, { meetingNumber: [DIGITS] }],
  [{ meetingNumber: '123_456_789', role: 0 }, { meetingNumber: [DIGITS] }],
  [{ meetingNumber: 1e21, role: 0 }, { meetingNumber: [DIGITS] }],
  [{ meetingNumber: 123456789.5, role: 0 }, { meetingNumber: [DIGITS] }],
  [{ meetingNumber: true, role: 0 }, { meetingNumber: ['must be a string or a number'] }],
  [{ meetingNumber: null, role: 0 }, { meetingNumber: ['must be a string or a number'] }],
  [{ meetingNumber: ['123456789'], role: 0 }, { meetingNumber: ['must be a string or a number'] }],
  // Zoom's auth sample reads these with parseInt; the contract takes only exact "0" and "1".
  ...[2, -1, 1.5, true, null, '2', 'host', ' 1', '1 ', '01', '1.0', '1e0', '', {}].map((role) =>
    row({ ...valid, role }, { role: [ROLE] }),
  ),
  ...[1.5, '1e3', ' 3600', '3600 ', '3600.5', '-3600', '0x100', '', null, true, {}].map((expirationSeconds) =>
    row({ ...valid, expirationSeconds }, { expirationSeconds: [WHOLE] }),
  ),
  [{ ...valid, expirationSeconds: 1799 }, { expirationSeconds: [AT_LEAST] }],
  [{ ...valid, expirationSeconds: '1799' }, { expirationSeconds: [AT_LEAST] }],
  [{ ...valid, expirationSeconds: -5 }, { expirationSeconds: [AT_LEAST] }],
  [{ ...valid, expirationSeconds: 172_801 }, { expirationSeconds: [AT_MOST] }],
  [{ ...valid, expirationSeconds: '172801' }, { expirationSeconds: [AT_MOST] }],
  // Past 2^53 a number is not exact any more: both problems are named.
  [{ ...valid, expirationSeconds: 2 ** 53 }, { expirationSeconds: [WHOLE, AT_MOST] }],
  [{ ...valid, expirationSeconds: '99999999999999999999' }, { expirationSeconds: [WHOLE, AT_MOST] }],
  [{ ...valid, expirationSeconds: -(2 ** 60) }, { expirationSeconds: [WHOLE, AT_LEAST] }],
  ...[2, -1, 0.5, true, null, '2', ' 1', '', 'on'].map((videoWebRtcMode) =>
    row({ ...valid, videoWebRtcMode }, { videoWebRtcMode: [ZERO_OR_ONE] }),
  ),
  [
    { ...valid, sdkKey: 'x', extra: 1 },
    { sdkKey: [UNKNOWN], extra: [UNKNOWN] },
  ],
  // Own properties as JSON.parse makes them, never the prototype.
  [
    JSON.parse('{"meetingNumber":"123456789","role":0,"toString":1,"__proto__":2}'),
    JSON.parse('{"toString":["is not an accepted field"],"__proto__":["is not an accepted field"]}'),
  ],
  [
    { meetingNumber: 'x', role: 7, expirationSeconds: 5, videoWebRtcMode: 3, zz: 0 },
    {
      meetingNumber: [DIGITS],
      role: [ROLE],
      expirationSeconds: [AT_LEAST],
      videoWebRtcMode: [ZERO_OR_ONE],
      zz: [UNKNOWN],
    },
  ],
  [[], { body: ['must be a JSON object'] }],
  [[{ ...valid }], { body: ['must be a JSON object'] }],
  [null, { body: ['must be a JSON object'] }],
  ['123456789', { body: ['must be a JSON object'] }],
  [123456789, { body: ['must be a JSON object'] }],
];

/** The 400's message lists the fields in the order the function reports them: JavaScript's object key order. */
export const FIELD_ORDER: { raw: string; message: string } = {
  raw: '{"b":1,"10":1,"meetingNumber":"12","2":1,"role":9,"a":1}',
  message: 'Check these fields: 2, 10, meetingNumber, role, b, a.',
};

/** Not JSON at all → 400 invalid_json. */
export const INVALID_JSON: readonly string[] = [
  '{',
  'not json',
  '',
  ' ',
  '{"meetingNumber":"123456789",}',
  "{'role':0}",
  'NaN',
  '{"role":0} x',
  '{"role":0 /* c */}',
];

/** The 503 setting_invalid message for each setting a signer checks before anything else, in the order it checks them. */
export const SETTING_MESSAGES = {
  ALLOWED_ORIGINS:
    'ALLOWED_ORIGINS is not valid: list exact origins (scheme://host or scheme://host:port, no path), separated by commas.',
  ZOOM_ALLOWED_MEETINGS:
    'ZOOM_ALLOWED_MEETINGS is not valid: list meeting numbers of 9 to 11 digits (spaces and dashes are ignored), separated by commas.',
  ZOOM_MAX_EXPIRATION_SECONDS:
    'ZOOM_MAX_EXPIRATION_SECONDS is not valid: set a whole number of seconds from 1800 to 172800, or leave it unset for 14400.',
} as const;

/**
 * Settings a signer must refuse to run with → the one it names (the first malformed one, in SETTING_MESSAGES order).
 * Each row is a server started with that environment, so the list covers each way to be wrong once, not every spelling.
 */
export const MALFORMED_SETTINGS: ReadonlyArray<
  readonly [env: Partial<Record<keyof typeof SETTING_MESSAGES, string>>, named: keyof typeof SETTING_MESSAGES]
> = [
  [{ ALLOWED_ORIGINS: 'https://app.example/' }, 'ALLOWED_ORIGINS'], // a path (a trailing slash never matches an Origin)
  [{ ALLOWED_ORIGINS: 'https://App.example' }, 'ALLOWED_ORIGINS'], // browsers send Origin in lower case
  // one bad entry among good ones, and every setting wrong: the origins are named first
  [
    { ALLOWED_ORIGINS: 'https://ok.example, *', ZOOM_ALLOWED_MEETINGS: 'abc', ZOOM_MAX_EXPIRATION_SECONDS: '4h' },
    'ALLOWED_ORIGINS',
  ],
  [{ ZOOM_ALLOWED_MEETINGS: '12345' }, 'ZOOM_ALLOWED_MEETINGS'],
  // the old space-separated list is one 18-digit number now: refused, not read as two meetings
  [{ ZOOM_ALLOWED_MEETINGS: '978759818 123456789', ZOOM_MAX_EXPIRATION_SECONDS: '1e4' }, 'ZOOM_ALLOWED_MEETINGS'],
  [{ ZOOM_MAX_EXPIRATION_SECONDS: '14400.0' }, 'ZOOM_MAX_EXPIRATION_SECONDS'],
  [{ ZOOM_MAX_EXPIRATION_SECONDS: '100' }, 'ZOOM_MAX_EXPIRATION_SECONDS'],
  [{ ZOOM_MAX_EXPIRATION_SECONDS: '200000' }, 'ZOOM_MAX_EXPIRATION_SECONDS'],
  [{ ZOOM_MAX_EXPIRATION_SECONDS: '99999999999999999999' }, 'ZOOM_MAX_EXPIRATION_SECONDS'], // past every integer type
];
