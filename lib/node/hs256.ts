/**
 * The HS256 parts of a Meeting SDK signature that the signer (functions/_lib/sign-jwt.ts), `npm run check-signature`
 * and `npm run smoke` share, so all three compute and check an HMAC, and allow for clock skew, the same way.
 *
 * Node only (node:crypto, synchronous): lib/tsconfig.json leaves this folder to the Node tsconfig, so the page
 * cannot import it by mistake.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Zoom rejects signatures whose clocks run ahead of its own; a 30 s back-dated `iat` absorbs small skew. */
export const IAT_BACKDATE_SECONDS = 30;

/** The signature part of an HS256 JWT over `data` (header.payload). */
export const hs256 = (secret: string, data: string): string =>
  createHmac('sha256', secret).update(data).digest('base64url');

/** Whether any HS256 JWT (from this signer or another backend) was signed with `secret` and left unaltered. */
export function verifyHs256(token: string, secret: string): boolean {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return false;
  const expected = Buffer.from(hs256(secret, `${parts[0]}.${parts[1]}`));
  const actual = Buffer.from(parts[2]!);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
