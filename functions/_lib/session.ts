import { hkdfSync } from 'node:crypto';
import { EncryptJWT, jwtDecrypt, type JWTPayload } from 'jose';
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
 * The audience names what a cookie is for, so the sign-in cookie can never pass for a session or the reverse.
 */
export type CookiePurpose = 'oauth-state' | 'session';

export async function seal(payload: JWTPayload, purpose: CookiePurpose, maxAgeSeconds: number, key: Uint8Array): Promise<string> {
  return new EncryptJWT(payload)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setAudience(purpose)
    .setIssuedAt()
    .setExpirationTime(`${maxAgeSeconds}s`)
    .encrypt(key);
}

/** The payload, or null when the cookie is missing, expired, tampered with, or meant for something else. */
export async function unseal(value: string | undefined, purpose: CookiePurpose, key: Uint8Array): Promise<JWTPayload | null> {
  if (!value) return null;
  try {
    const { payload } = await jwtDecrypt(value, key, { audience: purpose, keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
    return payload;
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
