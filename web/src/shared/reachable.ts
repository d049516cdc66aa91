/**
 * Whether `url` answers at all, CORS or not: a `no-cors` request succeeds (with an opaque answer) whenever the server
 * answers, and fails only when nothing does. A `require-corp` document refuses even that opaque answer from another
 * origin (lib/isolation.ts), so there it cannot tell; a `credentialless` one can.
 */
export async function reachableWithoutCors(url: string, method: 'HEAD' | 'POST'): Promise<boolean> {
  try {
    await fetch(url, { method, mode: 'no-cors', cache: 'no-store', ...(method === 'POST' ? { body: '{}' } : {}) });
    return true;
  } catch {
    return false;
  }
}
