import { hkdfSync } from 'node:crypto';
import * as z from 'zod/mini';
import { readEnv } from './env.ts';
import { decrypt, encrypt } from './jwe.ts';

export const SESSION_SECRET_VAR = 'SESSION_SECRET';
/** Shorter secrets are guessable offline from any cookie; refuse them rather than sign in weakly. */
export const MIN_SESSION_SECRET_LENGTH = 32;

const SESSION_SECRET_PREVIOUS_VAR = 'SESSION_SECRET_PREVIOUS';

/** `current` seals new cookies; `accepted` (current first) opens them, so a rotation signs nobody out. */
export interface SessionKeys {
  current: Uint8Array;
  accepted: Uint8Array[];
}
type SessionKey = { ok: true; keys: SessionKeys } | { ok: false; reason: string };

/** A 256-bit key derived from a secret, so any long random string works and cookies stay AES-256-GCM. */
const deriveKey = (secret: string) => new Uint8Array(hkdfSync('sha256', secret, 'zoom-meetingsdk-netlify', 'cookie-encryption', 32));

/**
 * SESSION_SECRET's key, plus SESSION_SECRET_PREVIOUS's during a rotation: cookies sealed before it still open (and
 * their Zoom tokens can still be revoked at sign-out) until they expire, within the hour.
 */
export function readSessionKey(): SessionKey {
  const secret = readEnv(SESSION_SECRET_VAR);
  if (!secret) return { ok: false, reason: `${SESSION_SECRET_VAR} is not set` };
  if (secret.length < MIN_SESSION_SECRET_LENGTH) {
    return { ok: false, reason: `${SESSION_SECRET_VAR} must be at least ${MIN_SESSION_SECRET_LENGTH} characters` };
  }
  const current = deriveKey(secret);
  const previous = readEnv(SESSION_SECRET_PREVIOUS_VAR);
  const usable = previous.length >= MIN_SESSION_SECRET_LENGTH && previous !== secret;
  return { ok: true, keys: { current, accepted: usable ? [current, deriveKey(previous)] : [current] } };
}

/**
 * Cookies are encrypted JWTs (JWE, dir + A256GCM; jwe.ts): the browser holds them but can neither read nor alter them.
 * The audience names what a cookie is for, so the sign-in cookie can never pass for a session or the reverse; each
 * purpose has its payload's schema, checked again when the cookie comes back (an old deploy may have sealed another
 * shape with the same key).
 */
const PAYLOADS = {
  'oauth-state': z.object({ state: z.string(), verifier: z.string(), redirectUri: z.string(), returnTo: z.string() }),
  session: z.object({ at: z.string(), name: z.string(), email: z.string() }),
};
type CookiePurpose = keyof typeof PAYLOADS;
type CookiePayload<P extends CookiePurpose> = z.output<(typeof PAYLOADS)[P]>;

export function seal<P extends CookiePurpose>(payload: CookiePayload<P>, purpose: P, maxAgeSeconds: number, keys: SessionKeys): string {
  const now = Math.floor(Date.now() / 1000);
  return encrypt({ ...payload, aud: purpose, iat: now, exp: now + maxAgeSeconds }, keys.current);
}

/** The claims every sealed cookie carries besides its payload. */
const Sealed = z.object({ aud: z.string(), exp: z.number() });

/**
 * The payload and its expiry, or null when the cookie is missing, expired, tampered with, meant for something else,
 * of another shape, or sealed with a key that is no longer accepted.
 */
export function unseal<P extends CookiePurpose>(
  value: string | undefined,
  purpose: P,
  keys: SessionKeys,
): { payload: CookiePayload<P>; expiresAt: Date } | null {
  if (!value) return null;
  for (const key of keys.accepted) {
    const claims = decrypt(value, key);
    if (claims === null) continue; // not this key (or not a cookie of ours at all): try the next one
    const sealed = Sealed.safeParse(claims);
    const payload = PAYLOADS[purpose].safeParse(claims);
    if (!sealed.success || !payload.success || sealed.data.aud !== purpose || sealed.data.exp <= Date.now() / 1000) return null;
    return { payload: payload.data as CookiePayload<P>, expiresAt: new Date(sealed.data.exp * 1000) };
  }
  return null;
}

/**
 * The cookie's value, or undefined when it is absent or named more than once: a second cookie of the same name can
 * only have been planted (by a sibling subdomain, or a script on a page of this origin), and which one a browser
 * sends first is not ours to choose.
 */
export function readCookie(req: Request, name: string): string | undefined {
  const values = (req.headers.get('cookie') ?? '')
    .split(';')
    .map((part) => part.trim().split('='))
    .filter(([key]) => key === name)
    .map(([, ...rest]) => rest.join('='));
  return values.length === 1 ? values[0] : undefined;
}

/** Browsers drop a cookie whose name, value and attributes exceed 4096 bytes, without a word. */
const MAX_COOKIE_BYTES = 4096;
export const fitsInCookie = (setCookie: string): boolean => new TextEncoder().encode(setCookie).length <= MAX_COOKIE_BYTES;

/**
 * `__Host-` names (only Secure, Path=/, no Domain: no subdomain can plant or overwrite them), HttpOnly (no script
 * reads them), Secure (browsers treat http://localhost as secure, so dev works too). SameSite per cookie: the
 * sign-in cookie must ride the top-level redirect back from Zoom (Lax); the session never leaves this site (Strict).
 */
export function cookie(name: `__Host-${string}`, value: string, options: { sameSite: 'Lax' | 'Strict'; maxAgeSeconds: number }): string {
  return `${name}=${value}; Path=/; Max-Age=${options.maxAgeSeconds}; HttpOnly; Secure; SameSite=${options.sameSite}`;
}

export const clearCookie = (name: `__Host-${string}`): string => cookie(name, '', { sameSite: 'Lax', maxAgeSeconds: 0 });
