/**
 * The HTTP contract of `POST /api/signature`, as one suite that any signer must pass: the Netlify function and every
 * server in signers/. It talks HTTP only; tokens are verified with the secret (jose), and generated bad requests
 * must get exactly the answer the function's own handler gives (the reference), never a 5xx.
 */
import type { Context } from '@netlify/functions';
import fc from 'fast-check';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody, SignatureResponse } from '../../lib/contract.ts';
import { verifyHs256 } from '../../functions/_lib/sign-jwt.ts';
import type { Handler } from '../../scripts/serve-function.ts';
import { badRequest, toRequestInit } from './bad-requests.ts';
import { FIELD_ORDER, INVALID_JSON, INVALID_REQUESTS, MEETING_NUMBERS } from './cases.ts';
import { setProcessEnv, type RunningSigner, type SignerEnv, type SignerUnderTest } from './start-signer.ts';

const KEY = 'contractClientId0123';
const SECRET = 'contract-secret-not-a-real-one-0123456789';
/** As pasted into a dashboard: with stray whitespace, which every signer must trim. */
const CONFIGURED: SignerEnv = { ZOOM_MEETING_SDK_KEY: ` ${KEY} `, ZOOM_MEETING_SDK_SECRET: `${SECRET}\n` };
const HEADER_SEGMENT = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
const SECRET_FORMS = [SECRET, Buffer.from(SECRET).toString('base64'), Buffer.from(SECRET).toString('base64url')];
const GENERATED_REQUESTS = 300;
const JSON_TYPE = 'application/json; charset=utf-8';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

/** Runs `tests` against the signer started with `env`, stopped afterwards. */
function withSigner(signer: SignerUnderTest, env: SignerEnv, tests: (running: () => RunningSigner) => void): void {
  let running: RunningSigner | undefined;
  beforeAll(async () => {
    running = await signer.start(env);
  }, 90_000);
  afterAll(async () => running?.stop());
  tests(() => {
    if (!running) throw new Error(`${signer.name} did not start`);
    return running;
  });
}

function client(running: () => RunningSigner) {
  const send = async (init: RequestInit, path = '/api/signature') =>
    answer(await fetch(`${running().url}${path}`, { ...init, signal: AbortSignal.timeout(10_000) }));
  return {
    send,
    post: (body: unknown, headers: Record<string, string> = {}) =>
      send({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }),
    raw: (raw: string, contentType = 'application/json') => send({ method: 'POST', headers: { 'content-type': contentType }, body: raw }),
  };
}

function expectJsonHeaders(headers: Headers): void {
  expect(headers.get('content-type')).toBe(JSON_TYPE);
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('cache-control')).toBe('no-store');
}

function expectError(res: Answer, status: number, code: string): ErrorBody['error'] {
  expect(res.status, res.text).toBe(status);
  expectJsonHeaders(res.headers);
  const { error } = ErrorBody.parse(res.body);
  expect(error.code).toBe(code);
  return error;
}

/** The error's `fields` as sent (ErrorBody.parse would turn a "__proto__" field into a prototype). */
const sentFields = (res: Answer) => (res.body as ErrorBody).error.fields;

/** A signed answer, checked field by field and byte by byte, its JWT verified with the secret. */
async function expectSigned(res: Answer, sentAt: { before: number; after: number }) {
  expect(res.status, res.text).toBe(200);
  expectJsonHeaders(res.headers);
  expect(res.headers.get('access-control-allow-origin')).toBeNull();
  expect(Object.keys(res.body as object).sort()).toEqual(['expiresAt', 'sdkKey', 'signature']);
  const parsed = SignatureResponse.parse(res.body);
  expect(parsed.sdkKey).toBe(KEY);
  const { payload } = await jwtVerify(parsed.signature, new TextEncoder().encode(SECRET), { algorithms: ['HS256'] });
  expect(verifyHs256(parsed.signature, SECRET)).toBe(true);
  expect(decodeProtectedHeader(parsed.signature)).toEqual({ alg: 'HS256', typ: 'JWT' });
  const [header, claims] = parsed.signature.split('.');
  expect(header).toBe(HEADER_SEGMENT);
  // Byte for byte what sign-jwt.ts writes: compact JSON, claims in its order.
  expect(Buffer.from(claims!, 'base64url').toString()).toBe(JSON.stringify(payload));
  expect(Object.keys(payload).slice(0, 7)).toEqual(['appKey', 'sdkKey', 'mn', 'role', 'iat', 'exp', 'tokenExp']);
  expect(payload.iat).toBeGreaterThanOrEqual(Math.floor(sentAt.before / 1000) - 30);
  expect(payload.iat).toBeLessThanOrEqual(Math.floor(sentAt.after / 1000) - 30);
  expect(payload).toMatchObject({ appKey: KEY, sdkKey: KEY, tokenExp: payload.exp });
  expect(parsed.expiresAt).toBe(new Date(payload.exp! * 1000).toISOString());
  for (const secret of SECRET_FORMS) expect(res.text).not.toContain(secret);
  return payload;
}

async function timed<T>(action: () => Promise<T>): Promise<{ result: T; before: number; after: number }> {
  const before = Date.now();
  const result = await action();
  return { result, before, after: Date.now() };
}

/**
 * The whole contract against one signer. `reference` is the function's handler, called in this process: every
 * generated bad request must get the answer it gives.
 */
export function defineSignerContract(signer: SignerUnderTest, reference: Handler): void {
  describe(`${signer.name}: POST /api/signature, configured`, () => {
    withSigner(signer, CONFIGURED, (running) => {
      const http = client(running);

      it('signs a normalised meeting number: an HS256 JWT with every claim Zoom needs, verified with the secret', async () => {
        const { result, ...sentAt } = await timed(() => http.post({ meetingNumber: '978-759-818', role: 0 }));
        const payload = await expectSigned(result, sentAt);
        expect(payload).toEqual({ appKey: KEY, sdkKey: KEY, mn: '978759818', role: 0, iat: payload.iat, exp: payload.iat! + 7200, tokenExp: payload.iat! + 7200 });
      });

      it.each(MEETING_NUMBERS)('signs meeting number %j as mn %s', async (meetingNumber, mn) => {
        const { result, ...sentAt } = await timed(() => http.post({ meetingNumber, role: 1 }));
        expect((await expectSigned(result, sentAt)).mn).toBe(mn);
      });

      it.each([
        [{ role: 0 }, { role: 0 }, 7200],
        [{ role: 1 }, { role: 1 }, 7200],
        [{ role: '1', expirationSeconds: '3600' }, { role: 1 }, 3600],
        [{ role: '0', expirationSeconds: 1800 }, { role: 0 }, 1800],
        [{ role: 1, expirationSeconds: 172_800 }, { role: 1 }, 172_800],
        [{ role: 0, expirationSeconds: '0172800' }, { role: 0 }, 172_800],
        [{ role: 0, videoWebRtcMode: 1 }, { video_webrtc_mode: 1 }, 7200],
        [{ role: 0, videoWebRtcMode: 0 }, { video_webrtc_mode: 0 }, 7200],
        [{ role: '1', videoWebRtcMode: '1' }, { role: 1, video_webrtc_mode: 1 }, 7200],
      ] as const)('signs %j: claims %j, lifetime %i s, numbers not strings', async (fields, claims, lifetime) => {
        const { result, ...sentAt } = await timed(() => http.post({ meetingNumber: '123456789', ...fields }));
        const payload = await expectSigned(result, sentAt);
        expect(payload).toMatchObject(claims);
        expect(payload.exp! - payload.iat!).toBe(lifetime);
        if (!('videoWebRtcMode' in fields)) expect(payload).not.toHaveProperty('video_webrtc_mode');
      });

      it('takes a charset or capitals in the JSON content type, and a query string', async () => {
        for (const type of ['application/json; charset=UTF-8', 'Application/JSON']) {
          expect((await http.raw('{"meetingNumber":"123456789","role":0}', type)).status).toBe(200);
        }
        const query = await http.send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"meetingNumber":"123456789","role":0}' }, '/api/signature?from=page');
        expect(query.status).toBe(200);
      });

      it('sends no CORS headers without ALLOWED_ORIGINS, whatever the Origin', async () => {
        for (const origin of ['https://other.example', running().url]) {
          const res = await http.post({ meetingNumber: '123456789', role: 0 }, { origin });
          expect(res.status).toBe(200);
          expect([...res.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
        }
      });

      it.each(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('answers %s with 405 and Allow: POST', async (method) => {
        const res = await http.send({ method, ...(method === 'GET' ? {} : { body: '{}' }), headers: { 'content-type': 'application/json' } });
        expect(expectError(res, 405, 'method_not_allowed')).toEqual({ code: 'method_not_allowed', message: 'Use POST.' });
        expect(res.headers.get('allow')).toBe('POST');
      });

      it('answers HEAD with 405 and Allow: POST', async () => {
        const res = await http.send({ method: 'HEAD' });
        expect(res.status).toBe(405);
        expect(res.headers.get('allow')).toBe('POST');
      });

      it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['application/jsonx'], ['']])('answers content type %j with 415', async (type) => {
        const res = await http.send({ method: 'POST', headers: type ? { 'content-type': type } : {}, body: '{"meetingNumber":"123456789","role":0}' });
        expect(expectError(res, 415, 'unsupported_media_type').message).toBe('Send the request body as JSON with "Content-Type: application/json".');
      });

      it('takes a body of exactly 4096 bytes and answers 413 from 4097', async () => {
        const padded = (size: number) => {
          const start = '{"meetingNumber":"123456789","role":0,"pad":"';
          return `${start}${'x'.repeat(size - start.length - 2)}"}`;
        };
        expect(padded(4096)).toHaveLength(4096);
        expect(sentFields(await http.raw(padded(4096)))).toEqual({ pad: ['is not an accepted field'] });
        const error = expectError(await http.raw(padded(4097)), 413, 'payload_too_large');
        expect(error.message).toBe('The request body must be at most 4096 bytes.');
        expectError(await http.raw(padded(50_000)), 413, 'payload_too_large');
      });

      it.each(INVALID_JSON)('answers %j with 400 invalid_json', async (raw) => {
        expect(expectError(await http.raw(raw), 400, 'invalid_json').message).toBe('The request body is not valid JSON.');
      });

      it.each(INVALID_REQUESTS)('answers %j with 400 naming the fields', async (body, fields) => {
        const res = await http.post(body);
        const error = expectError(res, 400, 'invalid_request');
        expect(sentFields(res)).toEqual(fields);
        expect(error.message).toBe(`Check these fields: ${Object.keys(fields).join(', ')}.`);
      });

      it('names the fields in the function’s order', async () => {
        expect(expectError(await http.raw(FIELD_ORDER.raw), 400, 'invalid_request').message).toBe(FIELD_ORDER.message);
      });

      it('answers 404 on any other path', async () => {
        for (const path of ['/', '/api/signatures', '/api/other']) {
          expect((await http.send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }, path)).status).toBe(404);
        }
      });

      it(`answers ${GENERATED_REQUESTS} generated bad requests exactly as the function does: never a 5xx, never a signature or the secret`, async () => {
        await fc.assert(
          fc.asyncProperty(badRequest, async (request) => {
            const init = toRequestInit(request);
            const got = await http.send(init);
            const restore = setProcessEnv(CONFIGURED);
            const expected = await answer(await reference(new Request(`${running().url}/api/signature`, init), {} as Context)).finally(restore);
            expect(got.status).toBeLessThan(500);
            expect(got.status).toBe(expected.status);
            expect(got.text).not.toContain('"signature"');
            for (const secret of SECRET_FORMS) expect(got.text).not.toContain(secret);
            if (request.method !== 'HEAD') {
              expectJsonHeaders(got.headers);
              expect(got.body).toEqual(expected.body);
            }
          }),
          { numRuns: GENERATED_REQUESTS },
        );
      }, 60_000);
    });
  });

  const unconfigured: ReadonlyArray<readonly [SignerEnv, string]> = [
    [{ ZOOM_MEETING_SDK_SECRET: SECRET }, 'ZOOM_MEETING_SDK_KEY'],
    [{ ZOOM_MEETING_SDK_KEY: KEY, ZOOM_MEETING_SDK_SECRET: ' \n' }, 'ZOOM_MEETING_SDK_SECRET'],
    [{}, 'ZOOM_MEETING_SDK_KEY and ZOOM_MEETING_SDK_SECRET'],
  ];
  describe.each(unconfigured)(`${signer.name}: not configured (%j)`, (env, named) => {
    withSigner(signer, env, (running) => {
      const http = client(running);

      it(`answers 503 naming ${named}, and no value`, async () => {
        for (const body of [{ meetingNumber: '123456789', role: 0 }, { meetingNumber: 'bad' }]) {
          const res = await http.post(body);
          expect(expectError(res, 503, 'signer_not_configured').message).toContain(`set ${named} (`);
          if (env.ZOOM_MEETING_SDK_KEY) expect(res.text).not.toContain(env.ZOOM_MEETING_SDK_KEY);
        }
        expect((await http.send({ method: 'GET' })).status).toBe(405);
      });
    });
  });

  describe(`${signer.name}: ALLOWED_ORIGINS and ZOOM_ALLOWED_MEETINGS`, () => {
    withSigner(
      signer,
      { ...CONFIGURED, ALLOWED_ORIGINS: 'https://app.example, https://admin.example', ZOOM_ALLOWED_MEETINGS: '978-759-8180, 123456789' },
      (running) => {
        const http = client(running);
        const valid = { meetingNumber: '123456789', role: 0 };

        it('gives a listed origin CORS headers and signs', async () => {
          const res = await http.post(valid, { origin: 'https://app.example' });
          expect(res.status).toBe(200);
          expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example');
          expect(res.headers.get('vary')).toBe('Origin');
        });

        it('answers a listed origin’s preflight with 204 and exactly the CORS headers it needs', async () => {
          const res = await http.send({ method: 'OPTIONS', headers: { origin: 'https://admin.example', 'access-control-request-method': 'POST' } });
          expect(res.status).toBe(204);
          expect(res.text).toBe('');
          expect(Object.fromEntries([...res.headers].filter(([name]) => name.startsWith('access-control-') || name === 'vary'))).toEqual({
            'access-control-allow-origin': 'https://admin.example',
            'access-control-allow-methods': 'POST',
            'access-control-allow-headers': 'content-type',
            'access-control-max-age': '600',
            vary: 'Origin',
          });
        });

        it.each(['https://evil.example', 'https://app.example.evil.example', 'http://app.example'])('refuses %s with 403 and no CORS headers', async (origin) => {
          for (const method of ['POST', 'OPTIONS']) {
            const res = await http.send({ method, headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify(valid) });
            const error = expectError(res, 403, 'origin_not_allowed');
            expect(error.message).toBe(`Pages on ${origin} may not use this signer (see ALLOWED_ORIGINS).`);
            expect(res.headers.get('access-control-allow-origin')).toBeNull();
          }
        });

        it('still serves its own origin and callers without an Origin, without CORS headers', async () => {
          const callers: Array<Record<string, string>> = [{ origin: running().url }, {}];
          for (const headers of callers) {
            const res = await http.post(valid, headers);
            expect(res.status).toBe(200);
            expect(res.headers.get('access-control-allow-origin')).toBeNull();
          }
          expect((await http.send({ method: 'OPTIONS' })).status).toBe(405);
        });

        it('signs only the meetings in ZOOM_ALLOWED_MEETINGS, in any spelling', async () => {
          const { result, ...sentAt } = await timed(() => http.post({ meetingNumber: '978 7598 180', role: 0 }));
          expect((await expectSigned(result, sentAt)).mn).toBe('9787598180');
          const refused = await http.post({ meetingNumber: '555555555', role: 0 });
          expect(expectError(refused, 403, 'meeting_not_allowed').message).toBe('This site only serves the meetings listed in ZOOM_ALLOWED_MEETINGS.');
          expect(sentFields(refused)).toEqual({ meetingNumber: ['is not one of the meetings this site may join'] });
        });
      },
    );
  });
}
