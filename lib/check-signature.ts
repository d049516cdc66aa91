/**
 * Reads any Meeting SDK signature without the secret and lists what is wrong with it, each problem with its fix.
 * The page's inspector and `npm run check-signature` both use this module; only the CLI also checks the HMAC.
 */
import { MAX_EXPIRATION_SECONDS, MIN_EXPIRATION_SECONDS, normaliseMeetingNumber } from './contract.ts';
import { problem, type SignatureProblem } from './errors/signature-problems.ts';

export type { SignatureProblem };

interface Inspection {
  format: 'jwt' | 'legacy' | 'unknown';
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  problems: SignatureProblem[];
}

export interface Expectations {
  meetingNumber?: string;
  role?: 0 | 1;
  /** Defaults to the current time. */
  nowSeconds?: number;
}

function decodeBase64(text: string, urlSafe: boolean): string | null {
  const normal = urlSafe ? text.replace(/-/g, '+').replace(/_/g, '/') : text;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(normal)) return null;
  try {
    const binary = atob(normal.padEnd(Math.ceil(normal.length / 4) * 4, '='));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

function decodeJsonPart(part: string): Record<string, unknown> | null {
  const text = decodeBase64(part, true);
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The old format: base64("apiKey.meetingNumber.timestampMs.role.base64(hmac)"). */
function readLegacy(token: string): Record<string, unknown> | null {
  const text = decodeBase64(token, false);
  const parts = text?.split('.');
  if (!parts || parts.length !== 5) return null;
  const [apiKey, mn, timestamp, role] = parts;
  if (!apiKey || !/^\d{9,11}$/.test(mn ?? '') || !/^\d{10,}$/.test(timestamp ?? '') || !/^[01]$/.test(role ?? ''))
    return null;
  return { apiKey, mn, timestamp: Number(timestamp), role: Number(role) };
}

function checkTime(claims: Record<string, unknown>, nowSeconds: number): SignatureProblem[] {
  const problems: SignatureProblem[] = [];
  for (const name of ['iat', 'exp', 'tokenExp'] as const) {
    if (typeof claims[name] === 'string')
      problems.push(
        problem('claim_not_number', `${name} is a string (${JSON.stringify(claims[name])}), not a number.`),
      );
  }
  const { iat, exp, tokenExp } = claims;
  const missing = (['iat', 'exp'] as const).filter((name) => claims[name] === undefined);
  if (missing.length > 0) {
    problems.push(problem('missing_claim', `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing.`));
  }
  if (tokenExp === undefined) problems.push(problem('missing_token_exp', 'tokenExp is missing.'));
  if (typeof iat === 'number' && iat > nowSeconds) {
    problems.push(problem('iat_future', `iat is ${iat - nowSeconds} s in the future.`));
  }
  if (typeof iat === 'number' && typeof exp === 'number') {
    const lifetime = exp - iat;
    if (lifetime < MIN_EXPIRATION_SECONDS) problems.push(problem('lifetime_short', `exp − iat is ${lifetime} s.`));
    if (lifetime > MAX_EXPIRATION_SECONDS) problems.push(problem('lifetime_long', `exp − iat is ${lifetime} s.`));
  }
  if (typeof exp === 'number' && exp <= nowSeconds) {
    problems.push(problem('expired', `It expired ${nowSeconds - exp} s ago (${new Date(exp * 1000).toISOString()}).`));
  }
  return problems;
}

export function inspectSignature(input: string, expect: Expectations = {}): Inspection {
  const token = input.trim();
  const nowSeconds = expect.nowSeconds ?? Math.floor(Date.now() / 1000);
  const legacy = readLegacy(token);
  if (legacy) {
    return {
      format: 'legacy',
      claims: legacy,
      problems: [problem('legacy_format', 'This is not a JWT but a legacy (pre-2022) signature.')],
    };
  }
  const parts = token.split('.');
  const header = parts.length === 3 ? decodeJsonPart(parts[0]!) : null;
  const claims = parts.length === 3 ? decodeJsonPart(parts[1]!) : null;
  if (!header || !claims) {
    const looksLike = token.startsWith('{')
      ? 'JSON'
      : token.startsWith('<')
        ? 'HTML'
        : token.startsWith('"')
          ? 'a quoted string'
          : `${parts.length} part(s)`;
    return { format: 'unknown', problems: [problem('not_jwt', `This is not a JWT (it looks like ${looksLike}).`)] };
  }

  const problems: SignatureProblem[] = [];
  if (header.alg !== 'HS256')
    problems.push(problem('bad_alg', `The header's alg is ${JSON.stringify(header.alg)}, not "HS256".`));
  if (header.typ !== 'JWT')
    problems.push(problem('bad_typ', `The header's typ is ${JSON.stringify(header.typ)}, not "JWT".`));
  if (!claims.appKey) problems.push(problem('missing_app_key', 'appKey is missing.'));
  if (!claims.sdkKey) problems.push(problem('missing_sdk_key', 'sdkKey is missing.'));
  if (claims.appKey && claims.sdkKey && claims.appKey !== claims.sdkKey) {
    problems.push(
      problem('key_mismatch', `appKey (${String(claims.appKey)}) differs from sdkKey (${String(claims.sdkKey)}).`),
    );
  }
  if (claims.mn === undefined || claims.mn === '') {
    problems.push(problem('missing_mn', 'mn is missing.'));
  } else if (
    expect.meetingNumber &&
    normaliseMeetingNumber(String(claims.mn)) !== normaliseMeetingNumber(expect.meetingNumber)
  ) {
    problems.push(
      problem('mn_mismatch', `mn is ${JSON.stringify(claims.mn)}, but the meeting number is ${expect.meetingNumber}.`),
    );
  }
  if (claims.role !== 0 && claims.role !== 1) {
    problems.push(problem('bad_role', `role is ${JSON.stringify(claims.role)}.`));
  } else if (expect.role !== undefined && claims.role !== expect.role) {
    problems.push(
      problem(
        'role_mismatch',
        `role is ${claims.role}, but ${expect.role === 1 ? 'Host (1)' : 'Attendee (0)'} was chosen.`,
      ),
    );
  }
  problems.push(...checkTime(claims, nowSeconds));
  return { format: 'jwt', header, claims, problems };
}
