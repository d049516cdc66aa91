/**
 * Requests a client could send that must never be signed: shared by the in-process fuzz test of the function and
 * the HTTP contract suite that every signer passes.
 */
import fc from 'fast-check';

export interface RawRequest {
  method: string;
  /** Content-Type; '' sends none. */
  type: string;
  raw: string;
}

const FIELD_NAMES = ['meetingNumber', 'role', 'expirationSeconds', 'videoWebRtcMode'];
/** Strings Zoom's auth sample clients send, which the contract accepts ("0", "1", "3600"). */
const isZeroOrOne = (s: string) => s === '0' || s === '1';
const isDigits = (s: string) => /^[0-9]+$/.test(s);

/** Bodies a client could send that are not a valid request. */
export const badBody = fc.oneof(
  // wrong types and shapes for each field
  fc.record(
    {
      meetingNumber: fc.oneof(
        fc.string(),
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.nat()),
        fc.object(),
      ),
      role: fc.oneof(
        fc.integer({ min: 2 }),
        fc.integer({ max: -1 }),
        fc.double({ noInteger: true }),
        fc.string().filter((s) => !isZeroOrOne(s)),
        // what parseInt would read as 0 or 1, but the contract refuses
        fc.constantFrom(' 1', '1 ', '01', '1.0', '1e0', '0x1', '+1', '', '2'),
        fc.constant(null),
        fc.object(),
      ),
      expirationSeconds: fc.oneof(
        fc.integer({ max: 1799 }),
        fc.integer({ min: 172_801 }),
        fc.double({ noInteger: true }),
        fc.string().filter((s) => !isDigits(s)),
        fc.integer({ max: 1799 }).map(String).filter(isDigits),
        fc.constantFrom('3600.5', '1e4', ' 3600', '-3600', '0x1000', '99999999999999999999', ''),
      ),
      videoWebRtcMode: fc.oneof(
        fc.integer({ min: 2 }),
        fc.string().filter((s) => !isZeroOrOne(s)),
        fc.boolean(),
      ),
    },
    { requiredKeys: ['role'] },
  ),
  // a valid request plus unknown fields
  fc
    .dictionary(
      fc.string({ minLength: 1 }).filter((k) => ![...FIELD_NAMES, '__proto__'].includes(k)),
      fc.jsonValue(),
      { minKeys: 1 },
    )
    .map((extra) => ({ meetingNumber: '123456789', role: 0, ...extra })),
  // not objects at all, huge numbers, unicode, nesting
  fc.jsonValue().filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)),
  fc.record({
    meetingNumber: fc
      .oneof(fc.bigInt().map(String), fc.string({ unit: 'grapheme' }), fc.constant('１２３４５６７８９'))
      .filter((mn) => !/^\d{9,11}$/.test(mn.replace(/[\s-]/g, ''))),
    role: fc.constant(0),
  }),
  fc
    .letrec((tie) => ({
      nested: fc.oneof(fc.constant('123456789'), fc.record({ inner: tie('nested') })),
    }))
    .nested.map((nested) => ({ meetingNumber: { inner: nested }, role: 0 })),
);

/** Raw requests: bad JSON, bad content types, sizes, methods. */
export const badRequest: fc.Arbitrary<RawRequest> = fc.oneof(
  {
    weight: 6,
    arbitrary: badBody.map((body) => ({
      method: 'POST',
      type: 'application/json',
      raw: JSON.stringify(body) ?? 'undefined',
    })),
  },
  {
    weight: 2,
    arbitrary: fc.string({ unit: 'binary' }).map((raw) => ({ method: 'POST', type: 'application/json', raw })),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      method: fc.constant('POST'),
      type: fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data',
        '',
        'application/jsonx',
        'json',
      ),
      raw: fc.constant('{"meetingNumber":"123456789","role":0}'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.nat({ max: 20_000 }).map((n) => ({
      method: 'POST',
      type: 'application/json',
      raw: `{"meetingNumber":"123456789","role":0,"pad":"${'x'.repeat(4096 + n)}"}`,
    })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD')
      .map((method) => ({ method, type: 'application/json', raw: '' })),
  },
);

/** The request as fetch and the function's handler take it (GET and HEAD carry no body). */
export function toRequestInit({ method, type, raw }: RawRequest): RequestInit {
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return { method, headers: type ? { 'content-type': type } : {}, ...(hasBody ? { body: raw } : {}) };
}
