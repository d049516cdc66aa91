/**
 * The HTTP contract of `POST /api/signature`, as one suite that any signer must pass: the Netlify function and every
 * server in signers/. It talks HTTP only; tokens are verified with the secret (jose), and generated bad requests
 * must get exactly the answer the function's own handler gives (the reference: its status and its very bytes), never
 * a 5xx.
 */
import { connect } from 'node:net';
import type { Context } from '@netlify/functions';
import fc from 'fast-check';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody, MAX_EXPIRATION_SECONDS, SignatureResponse } from '../../lib/contract.ts';
import { verifyHs256 } from '../../lib/node/hs256.ts';
import type { Handler } from '../../scripts/serve-function.ts';
import { badRequest, toRequestInit } from './bad-requests.ts';
import {
  FIELD_ORDER,
  INVALID_JSON,
  INVALID_REQUESTS,
  MALFORMED_SETTINGS,
  MEETING_NUMBERS,
  SETTING_MESSAGES,
} from './cases.ts';
import { setProcessEnv, type RunningSigner, type SignerEnv, type SignerUnderTest } from './start-signer.ts';

const KEY = 'contractClientId0123';
const SECRET = 'contract-secret-not-a-real-one-0123456789';
/** As pasted into a dashboard: with stray whitespace, which every signer must trim. */
const CONFIGURED: SignerEnv = { ZOOM_MEETING_SDK_KEY: ` ${KEY} `, ZOOM_MEETING_SDK_SECRET: `${SECRET}\n` };
/** Opened to Zoom's 48 h (the default ceiling is 4 h), for the rows that sign Zoom's longest lifetime. */
const CONFIGURED_48H: SignerEnv = { ...CONFIGURED, ZOOM_MAX_EXPIRATION_SECONDS: String(MAX_EXPIRATION_SECONDS) };
const VALID = { meetingNumber: '123456789', role: 0 };
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
  const send = async (init: RequestInit, path = '/api/signature', timeoutMs = 10_000) =>
    answer(await fetch(`${running().url}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) }));
  return {
    send,
    post: (body: unknown, headers: Record<string, string> = {}) =>
      send({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }),
    raw: (raw: string, contentType = 'application/json') =>
      send({ method: 'POST', headers: { 'content-type': contentType }, body: raw }),
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
  expect(Object.keys(res.body as object)).toEqual(['signature', 'sdkKey', 'expiresAt']); // the function's order
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
  describe(`${signer.name}: POST /api/signature, configured (ZOOM_MAX_EXPIRATION_SECONDS=172800)`, () => {
    withSigner(signer, CONFIGURED_48H, (running) => {
      const http = client(running);

      it('signs a normalised meeting number: an HS256 JWT with every claim Zoom needs, verified with the secret', async () => {
        const { result, ...sentAt } = await timed(() => http.post({ meetingNumber: '978-759-818', role: 0 }));
        const payload = await expectSigned(result, sentAt);
        expect(payload).toEqual({
          appKey: KEY,
          sdkKey: KEY,
          mn: '978759818',
          role: 0,
          iat: payload.iat,
          exp: payload.iat! + 7200,
          tokenExp: payload.iat! + 7200,
        });
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
        const query = await http.send(
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"meetingNumber":"123456789","role":0}',
          },
          '/api/signature?from=page',
        );
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
        const res = await http.send({
          method,
          ...(method === 'GET' ? {} : { body: '{}' }),
          headers: { 'content-type': 'application/json' },
        });
        expect(expectError(res, 405, 'method_not_allowed')).toEqual({
          code: 'method_not_allowed',
          message: 'Use POST.',
        });
        expect(res.headers.get('allow')).toBe('POST');
      });

      it('answers HEAD with 405 and Allow: POST', async () => {
        const res = await http.send({ method: 'HEAD' });
        expect(res.status).toBe(405);
        expect(res.headers.get('allow')).toBe('POST');
      });

      it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['application/jsonx'], ['']])(
        'answers content type %j with 415',
        async (type) => {
          const res = await http.send({
            method: 'POST',
            headers: type ? { 'content-type': type } : {},
            body: '{"meetingNumber":"123456789","role":0}',
          });
          expect(expectError(res, 415, 'unsupported_media_type').message).toBe(
            'Send the request body as JSON with "Content-Type: application/json".',
          );
        },
      );

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
        expect(expectError(await http.raw(raw), 400, 'invalid_json').message).toBe(
          'The request body is not valid JSON.',
        );
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
          expect(
            (await http.send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }, path))
              .status,
          ).toBe(404);
        }
      });

      it(`answers ${GENERATED_REQUESTS} generated bad requests exactly as the function does: never a 5xx, never a signature or the secret`, async () => {
        await fc.assert(
          fc.asyncProperty(badRequest, async (request) => {
            const init = toRequestInit(request);
            const got = await http.send(init);
            const restore = setProcessEnv(CONFIGURED_48H);
            const expected = await answer(
              await reference(new Request(`${running().url}/api/signature`, init), {} as Context),
            ).finally(restore);
            expect(got.status).toBeLessThan(500);
            expect(got.status).toBe(expected.status);
            expect(got.text).not.toContain('"signature"');
            for (const secret of SECRET_FORMS) expect(got.text).not.toContain(secret);
            if (request.method !== 'HEAD') {
              expectJsonHeaders(got.headers);
              expect(got.text).toBe(expected.text); // byte for byte: key order, escapes
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

  describe(`${signer.name}: ALLOWED_ORIGINS, ZOOM_ALLOWED_MEETINGS and the default lifetime ceiling`, () => {
    withSigner(
      signer,
      {
        ...CONFIGURED,
        // commas, spaces and line breaks between origins; an IPv6 literal with a port
        ALLOWED_ORIGINS: ' https://app.example, https://admin.example\nhttp://[::1]:8080 ',
        // one meeting per comma or line, each written as invites show it
        ZOOM_ALLOWED_MEETINGS: '978-759-8180, 123456789\n978 759 818',
      },
      (running) => {
        const http = client(running);
        const valid = VALID;

        it('gives a listed origin CORS headers and signs', async () => {
          for (const origin of ['https://app.example', 'http://[::1]:8080']) {
            const res = await http.post(valid, { origin });
            expect(res.status).toBe(200);
            expect(res.headers.get('access-control-allow-origin')).toBe(origin);
            expect(res.headers.get('vary')).toBe('Origin');
          }
        });

        it('answers a listed origin’s preflight with 204 and exactly the CORS headers it needs', async () => {
          const res = await http.send({
            method: 'OPTIONS',
            headers: { origin: 'https://admin.example', 'access-control-request-method': 'POST' },
          });
          expect(res.status).toBe(204);
          expect(res.text).toBe('');
          expect(
            Object.fromEntries(
              [...res.headers].filter(([name]) => name.startsWith('access-control-') || name === 'vary'),
            ),
          ).toEqual({
            'access-control-allow-origin': 'https://admin.example',
            'access-control-allow-methods': 'POST',
            'access-control-allow-headers': 'content-type',
            'access-control-max-age': '600',
            vary: 'Origin',
          });
        });

        it.each([
          'https://evil.example',
          'https://app.example.evil.example',
          'http://app.example',
          'https://APP.example',
        ])('refuses %s with 403 and no CORS headers', async (origin) => {
          for (const method of ['POST', 'OPTIONS']) {
            const res = await http.send({
              method,
              headers: { origin, 'content-type': 'application/json' },
              body: JSON.stringify(valid),
            });
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

        it.each([
          ['978 7598 180', '9787598180'],
          ['978759818', '978759818'],
          ['123-456-789', '123456789'],
        ])('signs %j, a meeting in ZOOM_ALLOWED_MEETINGS, as mn %s', async (meetingNumber, mn) => {
          const { result, ...sentAt } = await timed(() => http.post({ meetingNumber, role: 0 }));
          expect((await expectSigned(result, sentAt)).mn).toBe(mn);
        });

        it('refuses the meetings not in ZOOM_ALLOWED_MEETINGS', async () => {
          for (const meetingNumber of ['555555555', '978759819']) {
            const refused = await http.post({ meetingNumber, role: 0 });
            expect(expectError(refused, 403, 'meeting_not_allowed').message).toBe(
              'This site only serves the meetings listed in ZOOM_ALLOWED_MEETINGS.',
            );
            expect(sentFields(refused)).toEqual({ meetingNumber: ['is not one of the meetings this site may join'] });
          }
        });

        it('signs up to 4 h without ZOOM_MAX_EXPIRATION_SECONDS, and 2 h when the request names no lifetime', async () => {
          for (const [fields, lifetime] of [
            [{ expirationSeconds: 14_400 }, 14_400],
            [{ expirationSeconds: '14400' }, 14_400],
            [{}, 7200],
          ] as const) {
            const { result, ...sentAt } = await timed(() => http.post({ ...valid, ...fields }));
            const payload = await expectSigned(result, sentAt);
            expect(payload.exp! - payload.iat!).toBe(lifetime);
          }
        });

        it.each([14_401, '14401', 172_800])(
          'refuses lifetime %j above the 4 h ceiling with 400, naming the setting',
          async (expirationSeconds) => {
            expectCeiling(await http.post({ ...valid, expirationSeconds }), 14_400);
          },
        );

        it('checks the request first, then the meeting list, then the ceiling', async () => {
          const invalid = await http.post({ ...valid, role: 7, expirationSeconds: 14_401 });
          expect(sentFields(invalid)).toEqual({ role: ['must be 0 (attendee) or 1 (host)'] });
          const beyondZoom = await http.post({ ...valid, expirationSeconds: 172_801 });
          expect(sentFields(beyondZoom)).toEqual({ expirationSeconds: ['must be at most 172800 (48 hours)'] });
          expectError(
            await http.post({ meetingNumber: '555555555', role: 0, expirationSeconds: 14_401 }),
            403,
            'meeting_not_allowed',
          );
        });
      },
    );
  });

  describe(`${signer.name}: ZOOM_MAX_EXPIRATION_SECONDS raised to 8 h`, () => {
    // Trimmed, leading zeros allowed: as pasted into a dashboard.
    withSigner(signer, { ...CONFIGURED, ZOOM_MAX_EXPIRATION_SECONDS: ' 028800\n' }, (running) => {
      const http = client(running);

      it('signs 8 h and refuses one second more, or 48 h, naming 28800; a lifetime left out is still 2 h', async () => {
        for (const [fields, lifetime] of [
          [{ expirationSeconds: 28_800 }, 28_800],
          [{}, 7200],
        ] as const) {
          const { result, ...sentAt } = await timed(() => http.post({ ...VALID, ...fields }));
          const payload = await expectSigned(result, sentAt);
          expect(payload.exp! - payload.iat!).toBe(lifetime);
        }
        for (const expirationSeconds of [28_801, 172_800])
          expectCeiling(await http.post({ ...VALID, expirationSeconds }), 28_800);
      });
    });
  });
}

/**
 * Settings a signer must refuse to run with: a server started for each row of MALFORMED_SETTINGS. These suites mostly
 * wait for servers to start, so signers.test.ts may run them side by side (`concurrent`), except the function's:
 * it reads this process's environment, which each of its suites sets.
 */
export function defineMalformedSettingsContract(
  signer: SignerUnderTest,
  { concurrent }: { concurrent: boolean },
): void {
  // The first row also leaves the credentials out: a malformed setting is named even before missing credentials.
  const malformed = MALFORMED_SETTINGS.map(([settings, named], index) => [settings, named, index === 0] as const);
  (concurrent ? describe.concurrent : describe).each(malformed)(
    `${signer.name}: malformed settings %j`,
    (settings, named, withoutCredentials) => {
      withSigner(signer, withoutCredentials ? settings : { ...CONFIGURED, ...settings }, (running) => {
        const http = client(running);

        it(`answers every request with 503 setting_invalid naming ${named}, without CORS headers or the value`, async () => {
          const origin = { origin: 'https://app.example' };
          const requests: RequestInit[] = [
            { method: 'POST', headers: { 'content-type': 'application/json', ...origin }, body: JSON.stringify(VALID) },
            { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'not even JSON' },
            { method: 'GET', headers: origin },
            { method: 'OPTIONS', headers: { ...origin, 'access-control-request-method': 'POST' } },
            { method: 'HEAD' },
          ];
          for (const init of requests) {
            const res = await http.send(init);
            expect(res.status, `${init.method}: ${res.text}`).toBe(503);
            expectJsonHeaders(res.headers);
            expect(
              [...res.headers.keys()].filter(
                (name) => name.startsWith('access-control-') || name === 'allow' || name === 'vary',
              ),
            ).toEqual([]);
            if (init.method === 'HEAD') continue;
            expect(res.text).toBe(
              JSON.stringify({ error: { code: 'setting_invalid', message: SETTING_MESSAGES[named] } }),
            );
            for (const value of Object.values(settings)) expect(res.text).not.toContain(value);
          }
          expect((await http.send({ method: 'POST', body: '{}' }, '/elsewhere')).status).toBe(404);
        });
      });
    },
  );
}

/**
 * A ceiling below the 2 h default: a request that leaves the lifetime out (as the page always does) signs for the
 * ceiling; one that asks for more is refused as ever, never shortened. One server that mostly waits to start, so
 * signers.test.ts runs the servers' side by side (`concurrent`); the function's sets this process's environment.
 */
export function defineLowCeilingContract(signer: SignerUnderTest, { concurrent }: { concurrent: boolean }): void {
  (concurrent ? describe.concurrent : describe)(`${signer.name}: ZOOM_MAX_EXPIRATION_SECONDS lowered to 1 h`, () => {
    withSigner(signer, { ...CONFIGURED, ZOOM_MAX_EXPIRATION_SECONDS: '3600' }, (running) => {
      const http = client(running);

      it('signs a request that names no lifetime for 1 h, the ceiling, and one that asks for 1 h', async () => {
        for (const fields of [{}, { expirationSeconds: 3600 }, { expirationSeconds: '3600' }]) {
          const { result, ...sentAt } = await timed(() => http.post({ ...VALID, ...fields }));
          const payload = await expectSigned(result, sentAt);
          expect(payload.exp! - payload.iat!, JSON.stringify(fields)).toBe(3600);
        }
      });

      it('refuses 2 h asked for, or one second over 1 h, with 400 naming 3600; a lifetime left out is never the error', async () => {
        for (const expirationSeconds of [7200, '7200', 3601])
          expectCeiling(await http.post({ ...VALID, expirationSeconds }), 3600);
        expect(sentFields(await http.post({ ...VALID, role: 7, expirationSeconds: 7200 }))).toEqual({
          role: ['must be 0 (attendee) or 1 (host)'],
        });
        expect(sentFields(await http.post({ ...VALID, role: 7 }))).toEqual({
          role: ['must be 0 (attendee) or 1 (host)'],
        });
      });
    });
  });
}

/** The 400 for a lifetime within Zoom's bounds but above the site's ceiling. */
function expectCeiling(res: Answer, ceiling: number): void {
  expectError(res, 400, 'invalid_request');
  const fields = { expirationSeconds: [`must be at most ${ceiling} on this site (ZOOM_MAX_EXPIRATION_SECONDS)`] };
  expect(res.text).toBe(
    JSON.stringify({ error: { code: 'invalid_request', message: 'Check these fields: expirationSeconds.', fields } }),
  );
}

const STALLED_CLIENTS = 32;
const SIMULTANEOUS_REQUESTS = 4;
/** How long a signing request may take while others stall (they take milliseconds otherwise). */
const ANSWER_WITHIN_MS = 5000;
const DEADLINE_SLACK_SECONDS = 5;

interface StalledClient {
  /** When the server closed the connection (ms after it was opened), or null if it had not `withinMs` later. */
  closed(withinMs: number): Promise<number | null>;
  /** Whatever the server sent before closing. */
  received(): string;
  destroy(): void;
}

/**
 * A client that starts a request and stops: every header, announcing 100 bytes of body, and 10 of them; or half the
 * headers. It keeps its connection open and sends nothing more, as a slow or hostile client would.
 */
async function stalledClient(url: string, halfHeaders: boolean): Promise<StalledClient> {
  const { hostname, port } = new URL(url);
  const head = `POST /api/signature HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n`;
  const sent = halfHeaders ? head.slice(0, Math.floor(head.length / 2)) : `${head}{"meetingN`;
  const socket = connect(Number(port), hostname);
  const opened = Date.now();
  let received = '';
  let closedAt: number | null = null;
  const onClose = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.on('error', () => {}); // a reset is a close too
  void onClose.then(() => (closedAt = Date.now() - opened));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => socket.write(sent, (error) => (error ? reject(error) : resolve())));
    socket.once('error', reject);
  });
  return {
    async closed(withinMs) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>(
        (resolve) => (timer = setTimeout(resolve, Math.max(0, opened + withinMs - Date.now()))),
      );
      await Promise.race([onClose, late]);
      clearTimeout(timer);
      return closedAt;
    },
    received: () => received,
    destroy: () => socket.destroy(),
  };
}

/**
 * Stalled clients: a server that waits on a client that never finishes its request must still answer everyone else,
 * and (given a read deadline) drop that client. Kept out of defineSignerContract so that signers.test.ts can run
 * these suites side by side (`concurrent`): each waits out its server's deadline, all at once.
 */
export function defineStalledClientsContract(signer: SignerUnderTest, { concurrent }: { concurrent: boolean }): void {
  const deadline = signer.readDeadlineSeconds;
  const drops = deadline
    ? `, and drops them by its ${deadline} s read deadline`
    : ' (it has no read deadline of its own)';
  (concurrent ? describe.concurrent : describe)(`${signer.name}: stalled clients`, () => {
    withSigner(signer, CONFIGURED, (running) => {
      const http = client(running);

      it(
        `keeps signing while ${STALLED_CLIENTS} clients stall mid-request${drops}`,
        async () => {
          const stalled = await Promise.all(
            Array.from({ length: STALLED_CLIENTS }, (_, i) => stalledClient(running().url, i % 4 === 0)),
          );
          try {
            const answers = await Promise.all(
              Array.from({ length: SIMULTANEOUS_REQUESTS }, () =>
                timed(() =>
                  http.send(
                    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(VALID) },
                    undefined,
                    ANSWER_WITHIN_MS,
                  ),
                ),
              ),
            );
            for (const { result, ...sentAt } of answers) await expectSigned(result, sentAt);
            if (!deadline) return;
            // Slack over the deadline: the JDK checks it every second, Python's 32 threads take up to 2 s more to time out.
            const within = deadline + DEADLINE_SLACK_SECONDS;
            const closedAt = await Promise.all(stalled.map((client) => client.closed(within * 1000)));
            const open = closedAt.filter((at) => at === null).length;
            expect(
              open,
              `${open} of ${STALLED_CLIENTS} still open ${within} s later; the others closed after (ms): ${closedAt.filter(Boolean).join(', ')}`,
            ).toBe(0);
            // Before closing, at most the server's own 4xx (WEBrick: 408; Go, headers cut mid-line: 400), never a signature.
            for (const client of stalled) expect(client.received()).toMatch(/^(HTTP\/1\.[01] 4[0-9][0-9] [^]*)?$/);
          } finally {
            for (const client of stalled) client.destroy();
          }
        },
        ((deadline ?? 0) + DEADLINE_SLACK_SECONDS) * 1000 + 15_000,
      );
    });
  });
}
