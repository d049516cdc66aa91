import { hkdfSync } from 'node:crypto';
import * as z from 'zod/mini';
import { SETTINGS, parseSetting } from '../../lib/settings.ts';
import { readEnv } from './env.ts';
import { decrypt, encrypt } from './jwe.ts';

/** `current` seals new cookies; `accepted` (current first) opens them, so a rotation signs nobody out. */
export interface SessionKeys {
  current: Uint8Array;
  accepted: Uint8Array[];
}
type SessionKey = { ok: true; keys: SessionKeys } | { ok: false; reason: string };

/** A 256-bit key derived from a secret, so any long random string works and cookies stay AES-256-GCM. */
const deriveKey = (secret: string) =>
  new Uint8Array(hkdfSync('sha256', secret, 'zoom-meetingsdk-netlify', 'cookie-encryption', 32));

/**
 * SESSION_SECRET's key, plus SESSION_SECRET_PREVIOUS's during a rotation: cookies sealed before it still open (and
 * their Zoom tokens can still be revoked at sign-out) until they expire, within the hour. Both are read through
 * lib/settings.ts, so a short one is refused by name rather than ignored.
 */
export function readSessionKey(): SessionKey {
  const secret = parseSetting(SETTINGS.SESSION_SECRET, readEnv(SETTINGS.SESSION_SECRET.name));
  const previous = parseSetting(SETTINGS.SESSION_SECRET_PREVIOUS, readEnv(SETTINGS.SESSION_SECRET_PREVIOUS.name));
  if (!secret.ok) return { ok: false, reason: secret.message };
  if (!secret.value) return { ok: false, reason: `${SETTINGS.SESSION_SECRET.name} is not set` };
  if (!previous.ok) return { ok: false, reason: previous.message };
  const current = deriveKey(secret.value);
  const usable = previous.value !== '' && previous.value !== secret.value;
  return { ok: true, keys: { current, accepted: usable ? [current, deriveKey(previous.value)] : [current] } };
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

export function seal<P extends CookiePurpose>(
  payload: CookiePayload<P>,
  purpose: P,
  maxAgeSeconds: number,
  keys: SessionKeys,
): string {
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
    if (!sealed.success || !payload.success || sealed.data.aud !== purpose || sealed.data.exp <= Date.now() / 1000)
      return null;
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
export const fitsInCookie = (setCookie: string): boolean =>
  new TextEncoder().encode(setCookie).length <= MAX_COOKIE_BYTES;

/**
 * `__Host-` names (only Secure, Path=/, no Domain: no subdomain can plant or overwrite them), HttpOnly (no script
 * reads them), Secure (browsers treat http://localhost as secure, so dev works too). SameSite per cookie: the
 * sign-in cookie must ride the top-level redirect back from Zoom (Lax); the session never leaves this site (Strict).
 */
export function cookie(
  name: `__Host-${string}`,
  value: string,
  options: { sameSite: 'Lax' | 'Strict'; maxAgeSeconds: number },
): string {
  return `${name}=${value}; Path=/; Max-Age=${options.maxAgeSeconds}; HttpOnly; Secure; SameSite=${options.sameSite}`;
}

export const clearCookie = (name: `__Host-${string}`): string =>
  cookie(name, '', { sameSite: 'Lax', maxAgeSeconds: 0 });
