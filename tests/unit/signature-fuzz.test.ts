import fc from 'fast-check';
import type { Context } from '@netlify/functions';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import handler from '../../functions/signature.ts';
import { TEST_KEY, TEST_SECRET } from './helpers.ts';

const context = {} as Context;
const secretBytes = [TEST_SECRET, Buffer.from(TEST_SECRET).toString('base64'), Buffer.from(TEST_SECRET).toString('base64url')];

/** Bodies a client could send that are not a valid request. */
const badBody = fc.oneof(
  // wrong types and shapes for each field
  fc.record(
    {
      meetingNumber: fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.nat()), fc.object()),
      role: fc.oneof(fc.integer({ min: 2 }), fc.integer({ max: -1 }), fc.double({ noInteger: true }), fc.string(), fc.constant(null), fc.object()),
      expirationSeconds: fc.oneof(fc.integer({ max: 1799 }), fc.integer({ min: 172_801 }), fc.double({ noInteger: true }), fc.string()),
      videoWebRtcMode: fc.oneof(fc.integer({ min: 2 }), fc.string(), fc.boolean()),
    },
    { requiredKeys: ['role'] },
  ),
  // a valid request plus unknown fields
  fc.dictionary(fc.string({ minLength: 1 }).filter((k) => !['meetingNumber', 'role', 'expirationSeconds', 'videoWebRtcMode', '__proto__'].includes(k)), fc.jsonValue(), { minKeys: 1 })
    .map((extra) => ({ meetingNumber: '123456789', role: 0, ...extra })),
  // not objects at all, huge numbers, unicode, nesting
  fc.jsonValue().filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)),
  fc.record({
    meetingNumber: fc
      .oneof(fc.bigInt().map(String), fc.string({ unit: 'grapheme' }), fc.constant('１２３４５６７８９'))
      .filter((mn) => !/^\d{9,11}$/.test(mn.replace(/[\s-]/g, ''))),
    role: fc.constant(0),
  }),
  fc.letrec((tie) => ({
    nested: fc.oneof(fc.constant('123456789'), fc.record({ inner: tie('nested') })),
  })).nested.map((nested) => ({ meetingNumber: { inner: nested }, role: 0 })),
);

/** Raw requests: bad JSON, bad content types, sizes, methods. */
const badRequest = fc.oneof(
  { weight: 6, arbitrary: badBody.map((body) => ({ method: 'POST', type: 'application/json', raw: JSON.stringify(body) ?? 'undefined' })) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary' }).map((raw) => ({ method: 'POST', type: 'application/json', raw })) },
  {
    weight: 1,
    arbitrary: fc.record({
      method: fc.constant('POST'),
      type: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', '', 'application/jsonx', 'json'),
      raw: fc.constant('{"meetingNumber":"123456789","role":0}'),
    }),
  },
  { weight: 1, arbitrary: fc.nat({ max: 20_000 }).map((n) => ({ method: 'POST', type: 'application/json', raw: `{"meetingNumber":"123456789","role":0,"pad":"${'x'.repeat(4096 + n)}"}` })) },
  { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD').map((method) => ({ method, type: 'application/json', raw: '' })) },
);

describe('the signer under 10,000 generated bad requests', () => {
  beforeAll(() => {
    vi.stubEnv('ZOOM_MEETING_SDK_KEY', TEST_KEY);
    vi.stubEnv('ZOOM_MEETING_SDK_SECRET', TEST_SECRET);
  });
  afterAll(() => vi.unstubAllEnvs());

  it('never answers ≥ 500, never signs, never leaks a byte of the secret', async () => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(badRequest, async ({ method, type, raw }) => {
        sent++;
        const hasBody = method !== 'GET' && method !== 'HEAD';
        const res = await handler(
          new Request('http://localhost/api/signature', { method, headers: type ? { 'content-type': type } : {}, ...(hasBody ? { body: raw } : {}) }),
          context,
        );
        const text = await res.text();
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(text).not.toContain('"signature"');
        for (const secret of secretBytes) expect(text).not.toContain(secret);
        if (hasBody || method !== 'HEAD') expect(() => JSON.parse(text)).not.toThrow();
      }),
      { numRuns: 10_000 },
    );
    expect(sent).toBe(10_000);
  }, 120_000);
});
