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

export const methodNotAllowed = (allow: 'GET' | 'POST'): Response =>
  jsonError(405, 'method_not_allowed', `Use ${allow}.`, { headers: { allow } });

/** A redirect that no cache keeps, optionally setting cookies (each its own Set-Cookie header). */
export function redirect(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ location, 'cache-control': 'no-store' });
  for (const cookie of cookies) headers.append('set-cookie', cookie);
  return new Response(null, { status: 302, headers });
}

/** A finished response with more headers (CORS, Set-Cookie); appended, so several cookies can coexist. */
export function withHeaders(response: Response, extra: Record<string, string> | Array<[string, string]>): Response {
  const entries = Array.isArray(extra) ? extra : Object.entries(extra);
  if (entries.length === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of entries) headers.append(name, value);
  return new Response(response.body, { status: response.status, headers });
}

export const withCookie = (response: Response, cookie: string): Response =>
  withHeaders(response, [['set-cookie', cookie]]);
