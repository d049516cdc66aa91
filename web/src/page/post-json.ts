/**
 * The page's one way to POST JSON and read what comes back: the signer (request-signature.ts) and this site's token
 * routes (request-zoom-tokens.ts). The answer comes back as text because a wrong answer is explained by what it is
 * (an HTML page, a JWT as plain text), not only by the fact that it is not JSON.
 */
import { failed, succeeded, type Result } from '../../../lib/result.ts';

/** The request got an answer: its status, its headers and its body as it came. */
interface Answered {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * No answer reached the page: fetch or reading the body threw. The reason is the browser's own message, which says
 * little: a dead network and a CORS refusal look the same from here, so the caller explains it for its step.
 */
interface NoAnswer {
  reason: string;
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export async function postJson(url: string, body: unknown): Promise<Result<Answered, NoAnswer>> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    return succeeded({ status: res.status, headers: res.headers, text: await res.text() });
  } catch (error) {
    return failed({ reason: reasonOf(error) });
  }
}

/** Strictly JSON, as JSON.parse reads it: an empty body is not JSON either. The problem is JSON.parse's message. */
export function parseJson(text: string): Result<unknown, string> {
  try {
    return succeeded(JSON.parse(text) as unknown);
  } catch (error) {
    return failed(reasonOf(error));
  }
}
