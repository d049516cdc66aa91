import { createHmac } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { inspectSignature } from '../../lib/check-signature.ts';
import { signMeetingSdkJwt } from '../../functions/_lib/sign-jwt.ts';

const KEY = 'checkClientId123';
const SECRET = 'check-secret-0123456789abcdef';
const NOW = 1_800_000_000;
const key = new TextEncoder().encode(SECRET);

const goodClaims = {
  appKey: KEY,
  sdkKey: KEY,
  mn: '123456789',
  role: 0,
  iat: NOW - 30,
  exp: NOW + 7170,
  tokenExp: NOW + 7170,
};

/** Any header and claims, signed with jose (an implementation independent of ours). */
function jwt(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' },
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(key);
}

/** The pre-2022 format, built as the old Ruby example did. */
function legacy(apiKey: string, mn: string, tsMs: number, role: number): string {
  const msg = Buffer.from(`${apiKey}${mn}${tsMs}${role}`).toString('base64');
  const hash = createHmac('sha256', SECRET).update(msg).digest('base64');
  return Buffer.from(`${apiKey}.${mn}.${tsMs}.${role}.${hash}`).toString('base64');
}

const codes = (token: string, expect: Parameters<typeof inspectSignature>[1] = {}) =>
  inspectSignature(token, { nowSeconds: NOW, ...expect }).problems.map((p) => p.code);

describe('inspectSignature', () => {
  it('finds nothing wrong with this signer’s tokens', () => {
    const { token } = signMeetingSdkJwt({
      sdkKey: KEY,
      secret: SECRET,
      meetingNumber: '123456789',
      role: 1,
      expirationSeconds: 7200,
      nowMs: NOW * 1000,
    });
    const inspection = inspectSignature(token, { nowSeconds: NOW, meetingNumber: '123-456-789', role: 1 });
    expect(inspection.format).toBe('jwt');
    expect(inspection.problems).toEqual([]);
    expect(inspection.claims).toMatchObject({ appKey: KEY, mn: '123456789', role: 1 });
  });

  it.each([
    ['wrong alg', () => jwt(goodClaims, { alg: 'HS512', typ: 'JWT' }), {}, ['bad_alg']],
    ['wrong typ', () => jwt(goodClaims, { alg: 'HS256', typ: 'JWS' }), {}, ['bad_typ']],
    ['missing appKey', () => jwt({ ...goodClaims, appKey: undefined }), {}, ['missing_app_key']],
    ['missing sdkKey', () => jwt({ ...goodClaims, sdkKey: undefined }), {}, ['missing_sdk_key']],
    ['appKey ≠ sdkKey', () => jwt({ ...goodClaims, sdkKey: 'other' }), {}, ['key_mismatch']],
    ['mn ≠ the form', () => jwt(goodClaims), { meetingNumber: '987654321' }, ['mn_mismatch']],
    ['missing mn', () => jwt({ ...goodClaims, mn: undefined }), { meetingNumber: '123456789' }, ['missing_mn']],
    ['role ≠ the form', () => jwt(goodClaims), { role: 1 as const }, ['role_mismatch']],
    ['role not 0/1', () => jwt({ ...goodClaims, role: '1' }), {}, ['bad_role']],
    [
      'iat in the future',
      () => jwt({ ...goodClaims, iat: NOW + 120, exp: NOW + 7320, tokenExp: NOW + 7320 }),
      {},
      ['iat_future'],
    ],
    [
      'lifetime under 1800 s',
      () => jwt({ ...goodClaims, exp: NOW + 600, tokenExp: NOW + 600 }),
      {},
      ['lifetime_short'],
    ],
    [
      'lifetime over 48 h',
      () => jwt({ ...goodClaims, exp: NOW + 200_000, tokenExp: NOW + 200_000 }),
      {},
      ['lifetime_long'],
    ],
    [
      'already expired',
      () => jwt({ ...goodClaims, iat: NOW - 8000, exp: NOW - 10, tokenExp: NOW - 10 }),
      {},
      ['expired'],
    ],
    ['tokenExp missing', () => jwt({ ...goodClaims, tokenExp: undefined }), {}, ['missing_token_exp']],
    ['iat as a string', () => jwt({ ...goodClaims, iat: String(NOW - 30) }), {}, ['claim_not_number']],
    ['exp missing', () => jwt({ ...goodClaims, exp: undefined }), {}, ['missing_claim']],
  ])('%s → exactly that problem', async (_name, make, expect_, expected) => {
    expect(codes(await make(), expect_)).toEqual(expected);
  });

  it('names both time claims when both are missing', async () => {
    const inspection = inspectSignature(await jwt({ ...goodClaims, iat: undefined, exp: undefined }), {
      nowSeconds: NOW,
    });
    const missing = inspection.problems.find((p) => p.code === 'missing_claim');
    expect(missing?.cause).toBe('iat and exp are missing.');
    expect(missing).toMatchObject({ meaning: 'A time claim is missing.', fix: expect.stringContaining('Add iat') });
  });

  it('names the legacy pre-JWT format as such', () => {
    const token = legacy('oldApiKey', '123456789', NOW * 1000, 0);
    const inspection = inspectSignature(token, { nowSeconds: NOW });
    expect(inspection.format).toBe('legacy');
    expect(inspection.problems.map((p) => p.code)).toEqual(['legacy_format']);
    expect(inspection.problems[0]!.fix).toContain('apiKey.meetingNumber.timestamp.role.hash');
    expect(inspection.claims).toMatchObject({ apiKey: 'oldApiKey', mn: '123456789', role: 0 });
  });

  it.each([
    ['JSON', '{"signature":"eyJ"}', 'JSON'],
    ['HTML', '<!doctype html><p>502</p>', 'HTML'],
    ['a quoted string', '"eyJhbGciOiJIUzI1NiJ9.e30.x"', 'a quoted string'],
    ['garbage', 'hello', '1 part(s)'],
    ['three parts that are not JSON', 'abc.def.ghi', '3 part(s)'],
  ])('says “not a JWT” for %s', (_name, token, looksLike) => {
    const [only] = inspectSignature(token, { nowSeconds: NOW }).problems;
    expect(only?.code).toBe('not_jwt');
    expect(only?.cause).toContain(looksLike);
  });
});

describe('npm run check-signature', { timeout: 30_000 }, () => {
  function run(
    args: string[],
    env: Record<string, string> = { ZOOM_MEETING_SDK_SECRET: SECRET, ZOOM_MEETING_SDK_KEY: KEY },
  ) {
    const result = spawnSync('node_modules/.bin/tsx', ['scripts/check-signature.ts', ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    });
    return { code: result.status, out: `${result.stdout}${result.stderr}` };
  }
  const fresh = () =>
    signMeetingSdkJwt({ sdkKey: KEY, secret: SECRET, meetingNumber: '123456789', role: 0, expirationSeconds: 7200 })
      .token;

  it('exits 0 for a valid signature', () => {
    const { code, out } = run([fresh(), '--meeting', '123 456 789', '--role', '0']);
    expect(out).toContain('valid:');
    expect(code).toBe(0);
  });

  it('rejects a tampered signature', () => {
    const [h, p, s] = fresh().split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 1 })).toString('base64url')}.${s}`;
    const { code, out } = run([tampered]);
    expect(code).toBe(1);
    expect(out).toContain('[bad_hmac]');
  });

  it('rejects a signature made with another secret, and says so', () => {
    const other = signMeetingSdkJwt({
      sdkKey: KEY,
      secret: 'another-secret',
      meetingNumber: '123456789',
      role: 0,
      expirationSeconds: 7200,
    }).token;
    const { code, out } = run([other]);
    expect(code).toBe(1);
    expect(out).toContain('signed with another secret');
  });

  it('rejects an expired signature', () => {
    const old = signMeetingSdkJwt({
      sdkKey: KEY,
      secret: SECRET,
      meetingNumber: '123456789',
      role: 0,
      expirationSeconds: 1800,
      nowMs: Date.now() - 4 * 3600_000,
    }).token;
    const { code, out } = run([old]);
    expect(code).toBe(1);
    expect(out).toContain('[expired]');
  });

  it('rejects the legacy format with its name', () => {
    const { code, out } = run([legacy('oldApiKey', '123456789', Date.now(), 0)]);
    expect(code).toBe(1);
    expect(out).toContain('[legacy_format]');
  });

  it('flags a meeting number and role that differ from the ones given', () => {
    const { code, out } = run([fresh(), '--meeting', '987654321', '--role', '1']);
    expect(code).toBe(1);
    expect(out).toContain('[mn_mismatch]');
    expect(out).toContain('[role_mismatch]');
  });

  it('needs the secret and a signature', () => {
    expect(run([fresh()], {}).code).toBe(2);
    expect(run([]).code).toBe(2);
    expect(run([fresh(), '--role', '3']).code).toBe(2);
  });
});
