import type { ErrorBody, ErrorCode, FieldErrors } from '../../lib/contract.ts';

const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'x-content-type-options': 'nosniff',
  // A signature is per meeting and per moment: no cache may keep or share one.
  'cache-control': 'no-store',
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...BASE_HEADERS, ...headers } });
}

export function jsonError(
  status: number,
  code: ErrorCode,
  message: string,
  options: { fields?: FieldErrors; headers?: Record<string, string> } = {},
): Response {
  const body: ErrorBody = { error: { code, message, ...(options.fields ? { fields: options.fields } : {}) } };
  return json(status, body, options.headers);
}
