import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Compact JWE with `dir` + `A256GCM` (RFC 7516), the only form our cookies use, in node:crypto: a few lines instead
 * of a JOSE library in every function bundle (the signer reads the session too). The header is fixed, so a token
 * with any other header (another algorithm, a key-wrapping mode) is not ours and does not open. jose reads and
 * writes the same tokens (a unit test checks both ways).
 */
const HEADER = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A256GCM' })).toString('base64url');
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function encrypt(claims: Record<string, unknown>, key: Uint8Array): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  // The protected header is the additional authenticated data: altering it breaks the tag.
  cipher.setAAD(Buffer.from(HEADER, 'ascii'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(claims), 'utf8'), cipher.final()]);
  return `${HEADER}..${iv.toString('base64url')}.${ciphertext.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
}

/** The claims, or null for anything that is not a token of ours made with this key, unaltered. */
export function decrypt(token: string, key: Uint8Array): unknown {
  const [header, encryptedKey, iv, ciphertext, tag, ...rest] = token.split('.');
  if (
    header !== HEADER ||
    encryptedKey !== '' ||
    iv === undefined ||
    ciphertext === undefined ||
    tag === undefined ||
    rest.length > 0
  ) {
    return null;
  }
  const ivBytes = Buffer.from(iv, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(header, 'ascii'));
    decipher.setAuthTag(tagBytes);
    const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as unknown;
  } catch {
    return null; // wrong key, altered bytes, or not JSON
  }
}
