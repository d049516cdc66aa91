import {
  ErrorBody,
  SIGNATURE_PATH,
  SignatureResponse,
  type FieldErrors,
  type SignatureRequestInput,
} from '../../lib/contract.ts';

/** Shaped like a decoded join error (meaning, cause, fix) so the page shows every failure the same way. */
export interface SignerProblem {
  kind: 'network' | 'cors' | 'not_json' | 'no_signature' | 'signer_error';
  meaning: string;
  cause: string;
  fix: string;
  fields?: FieldErrors;
}

/** What the page needs from any signer: the signature. Ours adds sdkKey and expiresAt (see the contract). */
export type SignedResponse = Pick<SignatureResponse, 'signature'> & Partial<SignatureResponse>;

export type SignerOutcome =
  | { ok: true; response: SignedResponse; serverDate?: Date }
  | { ok: false; problem: SignerProblem };

/** Where the page asks for signatures: this site's function, or your own backend (same JSON either way). */
export const SIGNATURE_URL: string = import.meta.env?.VITE_SIGNATURE_URL || SIGNATURE_PATH;

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
  meeting_not_allowed: 'Use one of the meetings this site is set up for, or add it to ZOOM_ALLOWED_MEETINGS.',
  origin_not_allowed: 'Add this page’s origin to ALLOWED_ORIGINS on the signer’s site, or use the signer of this site.',
};

/** Reads a signer's answer strictly as JSON and says precisely what is wrong with anything else. */
export function interpretSignerResponse(status: number, contentType: string | null, text: string): SignerOutcome {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const isHtml = /^\s*<(!doctype html|html|head|body)/i.test(text);
    return fail({
      kind: 'not_json',
      meaning: isHtml ? 'The signer returned an HTML page, not JSON.' : 'The signer returned text, not JSON.',
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
    const alias = keys?.find((k) => ['token', 'jwt', 'sdkJWT', 'signatureToken'].includes(k) && typeof (body as Record<string, unknown>)[k] === 'string');
    if (signature === undefined && alias) {
      return fail({
        kind: 'no_signature',
        meaning: `The signer’s JSON has “${alias}” instead of “signature”.`,
        cause: `The response is an object with the fields: ${keys!.join(', ')}.`,
        fix: `Rename the key: answer {"signature":"eyJ…"}, not {"${alias}":"eyJ…"}.`,
      });
    }
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

  // Other backends may send only { signature }; our own fields are taken when they are well-formed.
  const parsed = SignatureResponse.safeParse(body);
  return { ok: true, response: parsed.success ? parsed.data : { signature } };
}

function isCrossOrigin(url: string): boolean {
  return typeof location !== 'undefined' && new URL(url, location.href).origin !== location.origin;
}

/**
 * A browser reports a CORS refusal exactly like a dead network. A `no-cors` request tells them apart: it
 * succeeds (with an opaque answer) when the server is up but does not allow this origin.
 */
async function reachableWithoutCors(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: 'POST', mode: 'no-cors', body: '{}' });
    return true;
  } catch {
    return false;
  }
}

/** POSTs the contract's request to the signer and interprets the answer. */
export async function requestSignature(request: SignatureRequestInput, url = SIGNATURE_URL): Promise<SignerOutcome> {
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
    const reason = error instanceof Error ? error.message : String(error);
    if (isCrossOrigin(url) && (await reachableWithoutCors(url))) {
      return fail({
        kind: 'cors',
        meaning: 'The browser blocked the signer’s answer (CORS).',
        cause: `${url} is on another origin and answered without allowing ${location.origin}.`,
        fix:
          `Make the endpoint allow this origin: answer OPTIONS and POST with "Access-Control-Allow-Origin: ${location.origin}" ` +
          'and "Access-Control-Allow-Headers: content-type".',
      });
    }
    return fail({
      kind: 'network',
      meaning: 'Could not reach the signer.',
      cause: `The request to ${url} failed before any answer (${reason}).`,
      fix: 'Check your connection and try again; locally, make sure `npm run dev` is running.',
    });
  }
  const outcome = interpretSignerResponse(res.status, res.headers.get('content-type'), text);
  const date = res.headers.get('date');
  return outcome.ok && date ? { ...outcome, serverDate: new Date(date) } : outcome;
}
