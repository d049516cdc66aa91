import type { Context } from '@netlify/functions';
import { SIGN_IN_ERROR_PARAM } from '../../lib/auth-contract.ts';

/**
 * One JSON line per request, in Netlify's function log (Logs → Functions) or the `npm run dev` terminal. Built
 * only from what cannot hold a secret: the path (never the query string, which carries OAuth codes and state),
 * the method, the status, Netlify's request id, the duration, and an error code that must look like one of ours.
 * Bodies, headers, cookies, tokens and meeting numbers are never read into it.
 */
export interface RequestLogLine {
  route: string;
  method: string;
  status: number;
  /** Our JSON error code (`{"error":{"code":…}}`) or the sign-in redirect's reason; absent on success. */
  error?: string;
  ms: number;
  /** Netlify's id for this invocation: quote it to Netlify support, or search the function log for it. */
  requestId: string | null;
}

/** Netlify always passes its context; unit tests and scripts call handlers without it. */
type Handler = (req: Request, context?: Context) => Promise<Response>;

/** Codes are snake_case words (lib/contract.ts ERROR_CODES, SIGN_IN_ERRORS); anything else is not logged. */
const CODE = /^[a-z][a-z0-9_]{0,63}$/;
const asCode = (value: unknown): string | undefined =>
  typeof value === 'string' && CODE.test(value) ? value : undefined;

async function errorCode(response: Response): Promise<string | undefined> {
  if (response.status >= 300 && response.status < 400) {
    // Sign-in failures are redirects to the page with ?sign_in_error=<reason>.
    const location = response.headers.get('location');
    return location ? asCode(new URL(location, 'http://x').searchParams.get(SIGN_IN_ERROR_PARAM)) : undefined;
  }
  if (response.status < 400 || !response.headers.get('content-type')?.includes('application/json')) return undefined;
  try {
    const body = (await response.clone().json()) as { error?: { code?: unknown } } | null;
    return asCode(body?.error?.code);
  } catch {
    return undefined;
  }
}

function writeLogLine(line: RequestLogLine): void {
  console.log(JSON.stringify(line));
}

/** Wraps a function's handler so every request, answered or thrown, leaves one log line. */
export function withRequestLog(handler: Handler): Handler {
  return async (req, context) => {
    const started = performance.now();
    const route = new URL(req.url).pathname;
    const requestId = context?.requestId ?? null;
    const write = (status: number, error: string | undefined) =>
      writeLogLine({
        route,
        method: req.method,
        status,
        ...(error ? { error } : {}),
        ms: Math.round(performance.now() - started),
        requestId,
      });
    try {
      const response = await handler(req, context);
      write(response.status, await errorCode(response));
      return response;
    } catch (thrown) {
      // Netlify answers 500 and logs the stack itself; the message could quote input, so only the kind is logged.
      write(500, 'unhandled_exception');
      throw thrown;
    }
  };
}
