/** Reading a request body safely: its media type, and at most a given number of bytes. */

export function mediaTypeOf(header: string | null): string | undefined {
  return header?.split(';')[0]?.trim().toLowerCase();
}

/** Reads at most `limit` bytes; `null` means the body was larger, so nothing more is buffered. */
export async function readCapped(req: Request, limit: number): Promise<string | null> {
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
