import {
  ErrorBody,
  SIGNATURE_PATH,
  SignatureResponse,
  fieldErrors,
  type FieldErrors,
  type SignatureRequestInput,
} from '../../lib/contract.ts';

/** Shaped like a decoded join error (meaning, cause, fix) so the page shows every failure the same way. */
export interface SignerProblem {
  kind: 'network' | 'not_json' | 'no_signature' | 'signer_error' | 'bad_response';
  meaning: string;
  cause: string;
  fix: string;
  fields?: FieldErrors;
}

export type SignerOutcome = { ok: true; response: SignatureResponse } | { ok: false; problem: SignerProblem };

const PREVIEW_CHARS = 120;

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS)}…` : flat || '(empty body)';
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const fail = (problem: SignerProblem): SignerOutcome => ({ ok: false, problem });

/** Fixes for the signer's own error codes (see the contract's ERROR_CODES). */
const SIGNER_ERROR_FIX: Record<string, string> = {
  signer_not_configured:
    'Put the Meeting SDK app’s Client ID and Client Secret in .env (locally) or in the Netlify site’s environment ' +
    'variables, then restart `npm run dev` or redeploy.',
  invalid_request: 'Correct the fields listed below and join again.',
};

/** Reads a signer's answer strictly as JSON and says precisely what is wrong with anything else. */
export function interpretSignerResponse(status: number, contentType: string | null, text: string): SignerOutcome {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fail({
      kind: 'not_json',
      meaning: 'The signer returned text, not JSON.',
      cause: `HTTP ${status}${contentType ? ` (${contentType})` : ''}, beginning: “${preview(text)}”.`,
      fix:
        'A signer must answer with JSON such as {"signature":"eyJ…"}. An HTML page here usually means the URL ' +
        'points at a page or a proxy error rather than the function; a plain string means the signer sends the ' +
        'JWT as text: wrap it in JSON.',
    });
  }

  const error = ErrorBody.safeParse(body);
  if (error.success) {
    const { code, message, fields } = error.data.error;
    return fail({
      kind: 'signer_error',
      meaning: `The signer refused to sign (HTTP ${status}, ${code}).`,
      cause: message,
      fix: SIGNER_ERROR_FIX[code] ?? 'Fix what the signer names and try again.',
      ...(fields ? { fields } : {}),
    });
  }
  if (status >= 400) {
    return fail({
      kind: 'signer_error',
      meaning: `The signer failed with HTTP ${status}.`,
      cause: `It answered: ${preview(text)}`,
      fix: 'Check the function’s log (Netlify → Logs → Functions, or the `npm run dev` terminal).',
    });
  }

  const signature = (body as { signature?: unknown } | null)?.signature;
  if (typeof signature !== 'string' || signature === '') {
    const keys = body !== null && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : null;
    const found = keys ? `an object with the fields: ${keys.join(', ') || '(none)'}` : describeType(body);
    return fail({
      kind: 'no_signature',
      meaning: 'The signer’s JSON has no “signature” string.',
      cause:
        signature === undefined
          ? `The response is ${found}.`
          : signature === ''
            ? '“signature” is an empty string.'
            : `“signature” is ${describeType(signature)}, not a string.`,
      fix: 'Return the JWT itself as a string under the key “signature”: {"signature":"eyJ…"}.',
    });
  }

  const parsed = SignatureResponse.safeParse(body);
  if (!parsed.success) {
    return fail({
      kind: 'bad_response',
      meaning: 'The signer’s response does not match the contract.',
      cause: 'It has a signature, but the other fields listed below are missing or malformed.',
      fix: 'Return { signature, sdkKey, expiresAt } as described in the README’s API table.',
      fields: fieldErrors(parsed.error),
    });
  }
  return { ok: true, response: parsed.data };
}

/** POSTs the contract's request to the signer and interprets the answer. */
export async function requestSignature(request: SignatureRequestInput, url = SIGNATURE_PATH): Promise<SignerOutcome> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(request),
    });
    text = await res.text();
  } catch (error) {
    return fail({
      kind: 'network',
      meaning: 'Could not reach the signer.',
      cause: `The request to ${url} failed before any answer (${error instanceof Error ? error.message : String(error)}).`,
      fix: 'Check your connection and try again; locally, make sure `npm run dev` is running.',
    });
  }
  return interpretSignerResponse(res.status, res.headers.get('content-type'), text);
}
