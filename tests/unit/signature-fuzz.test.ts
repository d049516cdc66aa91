import fc from 'fast-check';
import type { Context } from '@netlify/functions';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import handler from '../../functions/signature.ts';
import { TEST_KEY, TEST_SECRET } from './helpers.ts';
import { badRequest, toRequestInit } from '../contract/bad-requests.ts';

const context = {} as Context;
const secretBytes = [
  TEST_SECRET,
  Buffer.from(TEST_SECRET).toString('base64'),
  Buffer.from(TEST_SECRET).toString('base64url'),
];

describe('the signer under 10,000 generated bad requests', () => {
  beforeAll(() => {
    vi.stubEnv('ZOOM_MEETING_SDK_KEY', TEST_KEY);
    vi.stubEnv('ZOOM_MEETING_SDK_SECRET', TEST_SECRET);
  });
  afterAll(() => vi.unstubAllEnvs());

  it('never answers ≥ 500, never signs, never leaks a byte of the secret', async () => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(badRequest, async (request) => {
        sent++;
        const { method } = request;
        const hasBody = method !== 'GET' && method !== 'HEAD';
        const res = await handler(new Request('http://localhost/api/signature', toRequestInit(request)), context);
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
