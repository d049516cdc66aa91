export const TEST_KEY = 'unitTestClientId123';
export const TEST_SECRET = 'unit-test-secret-0123456789abcdefXYZ';

export function signatureRequest(
  body: unknown,
  init: { method?: string; contentType?: string | null; raw?: string } = {},
) {
  const headers = new Headers();
  if (init.contentType !== null) headers.set('content-type', init.contentType ?? 'application/json');
  const method = init.method ?? 'POST';
  return new Request('http://localhost/api/signature', {
    method,
    headers,
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: init.raw ?? JSON.stringify(body) }),
  });
}

/** A loopback port nothing listens on (bound, then released): a site that is down. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
