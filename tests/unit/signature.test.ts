import { jwtVerify, decodeProtectedHeader } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Context } from '@netlify/functions';
import handler, { config } from '../../functions/signature.ts';
import { ErrorBody, SIGNATURE_PATH, SignatureResponse } from '../../lib/contract.ts';
import { TEST_KEY, TEST_SECRET, signatureRequest } from './helpers.ts';
import { INVALID_JSON, INVALID_REQUESTS, MEETING_NUMBERS } from '../contract/cases.ts';

const context = {} as Context;
const secretKey = new TextEncoder().encode(TEST_SECRET);

async function call(req: Request) {
  const res = await handler(req, context);
  const text = await res.text();
  return { res, text, body: JSON.parse(text) as unknown };
}

async function sign(body: unknown) {
  const { res, body: json } = await call(signatureRequest(body));
  expect(res.status).toBe(200);
  const parsed = SignatureResponse.parse(json);
  const { payload, protectedHeader } = await jwtVerify(parsed.signature, secretKey, { algorithms: ['HS256'] });
  return { res, parsed, payload, protectedHeader };
}

beforeEach(() => {
  vi.stubEnv('ZOOM_MEETING_SDK_KEY', TEST_KEY);
  vi.stubEnv('ZOOM_MEETING_SDK_SECRET', TEST_SECRET);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

describe('POST /api/signature: signing', () => {
  it('issues an HS256 JWT with every claim Zoom needs, verified by jose', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-27T12:00:00.000Z') });
    const nowSeconds = Math.floor(Date.now() / 1000);
    const { res, parsed, payload, protectedHeader } = await sign({ meetingNumber: '97875981800', role: 0 });
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decodeProtectedHeader(parsed.signature)).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({
      appKey: TEST_KEY,
      sdkKey: TEST_KEY,
      mn: '97875981800',
      role: 0,
      iat: nowSeconds - 30,
      exp: nowSeconds - 30 + 7200,
      tokenExp: nowSeconds - 30 + 7200,
    });
    expect(parsed.sdkKey).toBe(TEST_KEY);
    expect(parsed.expiresAt).toBe(new Date((nowSeconds - 30 + 7200) * 1000).toISOString());
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('back-dates iat by 30 s so a server clock slightly ahead of Zoom still works', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { payload } = await sign({ meetingNumber: '123456789', role: 1 });
    const after = Math.floor(Date.now() / 1000);
    expect(payload.iat).toBeGreaterThanOrEqual(before - 30);
    expect(payload.iat).toBeLessThanOrEqual(after - 30);
    expect(typeof payload.iat).toBe('number');
  });

  it.each([0, 1] as const)('signs role %i as given', async (role) => {
    const { payload } = await sign({ meetingNumber: '123456789', role });
    expect(payload.role).toBe(role);
  });

  it.each(MEETING_NUMBERS)('normalises meeting number %j to %s', async (meetingNumber, mn) => {
    const { payload } = await sign({ meetingNumber, role: 0 });
    expect(payload.mn).toBe(mn);
  });

  it.each([1800, 7200, 14_400])(
    'keeps exp − iat = expirationSeconds (%i) within the site’s 4 h ceiling',
    async (expirationSeconds) => {
      const { payload } = await sign({ meetingNumber: '123456789', role: 0, expirationSeconds });
      expect(payload.exp! - payload.iat!).toBe(expirationSeconds);
      expect(payload.tokenExp).toBe(payload.exp);
    },
  );

  it('refuses a lifetime over the site’s ceiling (4 h unless ZOOM_MAX_EXPIRATION_SECONDS says more), naming the field', async () => {
    const { res, body } = await call(
      signatureRequest({ meetingNumber: '123456789', role: 0, expirationSeconds: 14_401 }),
    );
    expect(res.status).toBe(400);
    expect(body).toEqual({
      error: {
        code: 'invalid_request',
        message: 'Check these fields: expirationSeconds.',
        fields: { expirationSeconds: ['must be at most 14400 on this site (ZOOM_MAX_EXPIRATION_SECONDS)'] },
      },
    });
    vi.stubEnv('ZOOM_MAX_EXPIRATION_SECONDS', '172800');
    const { payload } = await sign({ meetingNumber: '123456789', role: 0, expirationSeconds: 172_800 });
    expect(payload.exp! - payload.iat!).toBe(172_800);
    // A value Zoom would refuse, or no number at all, fails closed: no signature of any lifetime, the variable named.
    for (const invalid of ['999999', '60', '2h', '-1', '1e4', '14400.0']) {
      vi.stubEnv('ZOOM_MAX_EXPIRATION_SECONDS', invalid);
      const refused = await call(signatureRequest({ meetingNumber: '123456789', role: 0, expirationSeconds: 1800 }));
      expect(refused.res.status).toBe(503);
      expect(refused.body).toEqual({
        error: {
          code: 'setting_invalid',
          message:
            'ZOOM_MAX_EXPIRATION_SECONDS is not valid: set a whole number of seconds from 1800 to 172800, or leave it unset for 14400.',
        },
      });
    }
  });

  it('accepts the numeric strings that clients of Zoom’s auth endpoint sample send, and signs numbers', async () => {
    const { payload } = await sign({
      meetingNumber: 978759818,
      role: '1',
      expirationSeconds: '3600',
      videoWebRtcMode: '1',
    });
    expect(payload).toMatchObject({ mn: '978759818', role: 1, video_webrtc_mode: 1 });
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect((await sign({ meetingNumber: '123456789', role: '0', videoWebRtcMode: '0' })).payload).toMatchObject({
      role: 0,
      video_webrtc_mode: 0,
    });
  });

  it('adds video_webrtc_mode only when asked', async () => {
    expect((await sign({ meetingNumber: '123456789', role: 0, videoWebRtcMode: 1 })).payload.video_webrtc_mode).toBe(1);
    expect((await sign({ meetingNumber: '123456789', role: 0, videoWebRtcMode: 0 })).payload.video_webrtc_mode).toBe(0);
    expect((await sign({ meetingNumber: '123456789', role: 0 })).payload).not.toHaveProperty('video_webrtc_mode');
  });

  it('accepts a charset on the JSON content type', async () => {
    const { res } = await call(
      signatureRequest({ meetingNumber: '123456789', role: 0 }, { contentType: 'application/json; charset=UTF-8' }),
    );
    expect(res.status).toBe(200);
  });

  it('trims credentials pasted with a trailing newline', async () => {
    vi.stubEnv('ZOOM_MEETING_SDK_SECRET', `${TEST_SECRET}\n`);
    await sign({ meetingNumber: '123456789', role: 0 });
  });

  it('is routed at the path the page posts to, rate-limited per IP', () => {
    // Netlify reads `config` statically, so the function spells the path out; this keeps the two in step.
    expect(config).toEqual({
      path: SIGNATURE_PATH,
      rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'] },
    });
    expect(Array.isArray(config.rateLimit?.aggregateBy)).toBe(true);
    expect(config).not.toHaveProperty('method');
  });
});

describe('POST /api/signature: errors', () => {
  async function expectError(req: Request, status: number, code: string) {
    const { res, body } = await call(req);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const parsed = ErrorBody.parse(body);
    expect(parsed.error.code).toBe(code);
    // `fields` as sent: ErrorBody.parse copies records key by key, which turns a "__proto__" field into a prototype.
    return { res, error: parsed.error, fields: (body as ErrorBody).error.fields };
  }

  it.each(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('answers %s with 405 and Allow: POST', async (method) => {
    const { res } = await expectError(signatureRequest({}, { method }), 405, 'method_not_allowed');
    expect(res.headers.get('allow')).toBe('POST');
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['form', 'application/x-www-form-urlencoded'],
    ['none', null],
  ])('answers a %s content type with 415', async (_name, contentType) => {
    await expectError(
      signatureRequest({ meetingNumber: '123456789', role: 0 }, { contentType }),
      415,
      'unsupported_media_type',
    );
  });

  it('answers a body over 4 KB with 413', async () => {
    const raw = JSON.stringify({ meetingNumber: '123456789', role: 0, pad: 'x'.repeat(5000) });
    await expectError(signatureRequest(null, { raw }), 413, 'payload_too_large');
  });

  it.each(INVALID_JSON)('answers malformed JSON %j with 400 invalid_json', async (raw) => {
    await expectError(signatureRequest(null, { raw }), 400, 'invalid_json');
  });

  it.each(INVALID_REQUESTS)('answers %j with 400 naming the field', async (body, fields) => {
    const { error, fields: sent } = await expectError(signatureRequest(body), 400, 'invalid_request');
    expect(sent).toEqual(fields);
    for (const name of Object.keys(fields)) expect(error.message).toContain(name);
  });

  it.each([
    [['ZOOM_MEETING_SDK_KEY'], 'ZOOM_MEETING_SDK_KEY'],
    [['ZOOM_MEETING_SDK_SECRET'], 'ZOOM_MEETING_SDK_SECRET'],
    [['ZOOM_MEETING_SDK_KEY', 'ZOOM_MEETING_SDK_SECRET'], 'ZOOM_MEETING_SDK_KEY and ZOOM_MEETING_SDK_SECRET'],
  ])('answers 503 naming the missing variable when %j is unset', async (unset, named) => {
    for (const name of unset) vi.stubEnv(name, '');
    const { error } = await expectError(
      signatureRequest({ meetingNumber: '123456789', role: 0 }),
      503,
      'signer_not_configured',
    );
    expect(error.message).toContain(`set ${named} (`);
  });

  it('treats a whitespace-only secret as missing', async () => {
    vi.stubEnv('ZOOM_MEETING_SDK_SECRET', '  \n');
    await expectError(signatureRequest({ meetingNumber: '123456789', role: 0 }), 503, 'signer_not_configured');
  });
});

describe('POST /api/signature: the secret never leaves', () => {
  const requests: Array<[string, () => Request]> = [
    ['a valid request', () => signatureRequest({ meetingNumber: '123456789', role: 1 })],
    ['bad fields', () => signatureRequest({ meetingNumber: 'x', role: 7, secret: TEST_SECRET })],
    ['bad JSON', () => signatureRequest(null, { raw: `{"${TEST_SECRET}` })],
    ['GET', () => signatureRequest(null, { method: 'GET' })],
    ['text', () => signatureRequest({}, { contentType: 'text/plain' })],
    ['too large', () => signatureRequest(null, { raw: 'x'.repeat(10_000) })],
  ];
  it.each(requests)('no body or header holds the secret for %s', async (_name, make) => {
    const { res, text } = await call(make());
    const headerText = [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
    for (const needle of [
      TEST_SECRET,
      Buffer.from(TEST_SECRET).toString('base64'),
      Buffer.from(TEST_SECRET).toString('base64url'),
    ]) {
      expect(text).not.toContain(needle);
      expect(headerText).not.toContain(needle);
    }
  });

  it('the 503 message names the variable, never a value', async () => {
    vi.stubEnv('ZOOM_MEETING_SDK_KEY', '');
    const { text } = await call(signatureRequest({ meetingNumber: '123456789', role: 0 }));
    expect(text).toContain('ZOOM_MEETING_SDK_KEY');
    expect(text).not.toContain(TEST_SECRET);
  });
});

describe('POST /api/signature: optional access limits', () => {
  const post = (body: unknown, origin?: string) =>
    new Request('https://site.example/api/signature', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
      body: JSON.stringify(body),
    });

  it('ZOOM_ALLOWED_MEETINGS: signs listed meetings (any spelling) and refuses others with 403', async () => {
    vi.stubEnv('ZOOM_ALLOWED_MEETINGS', '978-759-8180, 123456789');
    expect((await handler(post({ meetingNumber: '978 7598 180', role: 0 }), context)).status).toBe(200);
    const res = await handler(post({ meetingNumber: '555555555', role: 0 }), context);
    expect(res.status).toBe(403);
    expect(ErrorBody.parse(await res.json()).error).toMatchObject({
      code: 'meeting_not_allowed',
      fields: { meetingNumber: ['is not one of the meetings this site may join'] },
    });
  });

  it('without ALLOWED_ORIGINS: no CORS headers, same-origin and server-to-server calls work', async () => {
    for (const origin of [undefined, 'https://site.example', 'https://other.example']) {
      const res = await handler(post({ meetingNumber: '123456789', role: 0 }, origin), context);
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('ALLOWED_ORIGINS: an exact match gets CORS headers and a preflight; others get 403', async () => {
    vi.stubEnv('ALLOWED_ORIGINS', 'https://app.example,https://admin.example');
    const allowed = await handler(post({ meetingNumber: '123456789', role: 0 }, 'https://app.example'), context);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(allowed.headers.get('vary')).toBe('Origin');

    const pre = await handler(
      new Request('https://site.example/api/signature', {
        method: 'OPTIONS',
        headers: { origin: 'https://admin.example' },
      }),
      context,
    );
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toBe('content-type');

    for (const origin of ['https://evil.example', 'https://app.example.evil.example', 'http://app.example']) {
      const refused = await handler(post({ meetingNumber: '123456789', role: 0 }, origin), context);
      expect(refused.status).toBe(403);
      expect(ErrorBody.parse(await refused.json()).error.code).toBe('origin_not_allowed');
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    }
    // The site's own page still works.
    expect((await handler(post({ meetingNumber: '123456789', role: 0 }, 'https://site.example'), context)).status).toBe(
      200,
    );
  });
});
