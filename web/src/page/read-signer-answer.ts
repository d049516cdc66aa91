/**
 * The signer's answer, read strictly as JSON and validated with the contract: the signature string, or exactly what
 * is wrong (text or HTML, another key name, an error body) with its fix. Any backend's answer goes through here.
 */
import { ErrorBody, SignerAnswer, type FieldErrors } from '../../../lib/contract.ts';
import { explainApiError } from '../../../lib/errors/api-errors.ts';
import type { Explanation } from '../../../lib/explanation.ts';
import { failed, succeeded, type Result } from '../../../lib/result.ts';
import { parseJson } from './post-json.ts';

/** A signer failure, explained like every other failure on the page. */
interface SignerProblem extends Explanation {
  kind: 'network' | 'cors' | 'not_json' | 'no_signature' | 'signer_error';
  fields?: FieldErrors;
}

/** The signer's answer, and the time its server gave (its Date header), to warn of this computer's clock. */
interface Signed {
  response: SignerAnswer;
  serverDate?: Date;
}

export type SignerOutcome = Result<Signed, SignerProblem>;

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

/** Reads a signer's answer strictly as JSON and says precisely what is wrong with anything else. */
export function interpretSignerResponse(status: number, contentType: string | null, text: string): SignerOutcome {
  const json = parseJson(text);
  if (!json.ok) {
    const isHtml = /^\s*<(!doctype html|html|head|body)/i.test(text);
    return failed({
      kind: 'not_json',
      meaning: isHtml ? 'The signer returned an HTML page, not JSON.' : 'The signer returned text, not JSON.',
      cause: `HTTP ${status}${contentType ? ` (${contentType})` : ''}, beginning: “${preview(text)}”.`,
      fix:
        'A signer must answer with JSON such as {"signature":"eyJ…"}. An HTML page here usually means the URL ' +
        'points at a page or a proxy error rather than the function; a plain string means the signer sends the ' +
        'JWT as text: wrap it in JSON.',
    });
  }

  const body = json.value;
  const error = ErrorBody.safeParse(body);
  if (error.success) {
    const { code, message, fields } = error.data.error;
    return failed({
      kind: 'signer_error',
      meaning: `The signer refused to sign (HTTP ${status}, ${code}).`,
      cause: message,
      fix: explainApiError(code).fix,
      ...(fields ? { fields } : {}),
    });
  }
  if (status >= 400) {
    return failed({
      kind: 'signer_error',
      meaning: `The signer failed with HTTP ${status}.`,
      cause: `It answered: ${preview(text)}`,
      fix: 'Check the function’s log (Netlify → Logs → Functions, or the `npm run dev` terminal).',
    });
  }

  const answer = SignerAnswer.safeParse(body);
  if (answer.success) return succeeded({ response: answer.data });
  return failed(missingSignature(body));
}

/** Why an answer has no usable signature, in words zod's issues do not have: what was there instead, and the fix. */
function missingSignature(body: unknown): SignerProblem {
  const signature = (body as { signature?: unknown } | null)?.signature;
  const keys = body !== null && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : null;
  const found = keys ? `an object with the fields: ${keys.join(', ') || '(none)'}` : describeType(body);
  const alias = keys?.find(
    (k) =>
      ['token', 'jwt', 'sdkJWT', 'signatureToken'].includes(k) &&
      typeof (body as Record<string, unknown>)[k] === 'string',
  );
  if (signature === undefined && alias) {
    return {
      kind: 'no_signature',
      meaning: `The signer’s JSON has “${alias}” instead of “signature”.`,
      cause: `The response is an object with the fields: ${keys!.join(', ')}.`,
      fix: `Rename the key: answer {"signature":"eyJ…"}, not {"${alias}":"eyJ…"}.`,
    };
  }
  return {
    kind: 'no_signature',
    meaning: 'The signer’s JSON has no “signature” string.',
    cause:
      signature === undefined
        ? `The response is ${found}.`
        : signature === ''
          ? '“signature” is an empty string.'
          : `“signature” is ${describeType(signature)}, not a string.`,
    fix: 'Return the JWT itself as a string under the key “signature”: {"signature":"eyJ…"}.',
  };
}
