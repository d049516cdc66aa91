import { hkdfSync } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import * as z from 'zod/mini';
import { readEnv } from './env.ts';

export const SESSION_SECRET_VAR = 'SESSION_SECRET';
/** Shorter secrets are guessable offline from any cookie; refuse them rather than sign in weakly. */
export const MIN_SESSION_SECRET_LENGTH = 32;

export type SessionKey = { ok: true; key: Uint8Array } | { ok: false; reason: string };

/** A 256-bit key derived from SESSION_SECRET, so any long random string works and cookies stay AES-256-GCM. */
export function readSessionKey(): SessionKey {
  const secret = readEnv(SESSION_SECRET_VAR);
  if (!secret) return { ok: false, reason: `${SESSION_SECRET_VAR} is not set` };
  if (secret.length < MIN_SESSION_SECRET_LENGTH) {
    return { ok: false, reason: `${SESSION_SECRET_VAR} must be at least ${MIN_SESSION_SECRET_LENGTH} characters` };
  }
  return { ok: true, key: new Uint8Array(hkdfSync('sha256', secret, 'zoom-meetingsdk-netlify', 'cookie-encryption', 32)) };
}

/**
 * Cookies are encrypted JWTs (JWE, dir + A256GCM): the browser holds them but can neither read nor alter them.
 * The audience names what a cookie is for, so the sign-in cookie can never pass for a session or the reverse; each
 * purpose has its payload's schema, checked again when the cookie comes back (an old deploy may have sealed another
 * shape with the same key).
 */
const PAYLOADS = {
  'oauth-state': z.object({ state: z.string(), verifier: z.string(), redirectUri: z.string(), returnTo: z.string() }),
  session: z.object({ at: z.string(), name: z.string(), email: z.string() }),
};
export type CookiePurpose = keyof typeof PAYLOADS;
export type CookiePayload<P extends CookiePurpose> = z.output<(typeof PAYLOADS)[P]>;

export async function seal<P extends CookiePurpose>(payload: CookiePayload<P>, purpose: P, maxAgeSeconds: number, key: Uint8Array): Promise<string> {
  return new EncryptJWT(payload)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setAudience(purpose)
    .setIssuedAt()
    .setExpirationTime(`${maxAgeSeconds}s`)
    .encrypt(key);
}

/** The payload and its expiry, or null when the cookie is missing, expired, tampered with, meant for something else or of another shape. */
export async function unseal<P extends CookiePurpose>(
  value: string | undefined,
  purpose: P,
  key: Uint8Array,
): Promise<{ payload: CookiePayload<P>; expiresAt: Date } | null> {
  if (!value) return null;
  try {
    const { payload } = await jwtDecrypt(value, key, { audience: purpose, keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
    const parsed = PAYLOADS[purpose].safeParse(payload);
    if (!parsed.success || typeof payload.exp !== 'number') return null;
    return { payload: parsed.data as CookiePayload<P>, expiresAt: new Date(payload.exp * 1000) };
  } catch {
    return null;
  }
}

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * HttpOnly (no script reads it), Secure (browsers treat http://localhost as secure, so dev works too),
 * SameSite=Lax (sent on the top-level redirect back from Zoom, never on cross-site POSTs).
 */
export function cookie(name: string, value: string, options: { path: string; maxAgeSeconds: number }): string {
  return `${name}=${value}; Path=${options.path}; Max-Age=${options.maxAgeSeconds}; HttpOnly; Secure; SameSite=Lax`;
}

export const clearCookie = (name: string, path: string): string => cookie(name, '', { path, maxAgeSeconds: 0 });
