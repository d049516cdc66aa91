/** Asks the signer (this site's function, or your own backend) for a signature: the request, and network failures. */
import { SIGNATURE_PATH, type SignatureRequestInput } from '../../../lib/contract.ts';
import { interpretSignerResponse, signerFailure, type SignerOutcome } from './read-signer-answer.ts';

/** Where the page asks for signatures: this site's function, or your own backend (same JSON either way). */
export const SIGNATURE_URL: string = import.meta.env?.VITE_SIGNATURE_URL || SIGNATURE_PATH;

function isCrossOrigin(url: string): boolean {
  return typeof location !== 'undefined' && new URL(url, location.href).origin !== location.origin;
}

/**
 * A browser reports a CORS refusal exactly like a dead network. A `no-cors` request tells them apart: it
 * succeeds (with an opaque answer) when the server is up but does not allow this origin. A cross-origin isolated
 * page under `require-corp` refuses even that opaque answer, so the caller may ask a `credentialless` document
 * (the meeting frame) as well.
 */
type ReachableWithoutCors = (url: string) => Promise<boolean>;

async function reachableFromHere(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: 'POST', mode: 'no-cors', body: '{}' });
    return true;
  } catch {
    return false;
  }
}

/** POSTs the contract's request to the signer and interprets the answer. */
export async function requestSignature(
  request: SignatureRequestInput,
  url = SIGNATURE_URL,
  reachableElsewhere: ReachableWithoutCors = async () => false,
): Promise<SignerOutcome> {
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
    if (isCrossOrigin(url) && ((await reachableFromHere(url)) || (await reachableElsewhere(url)))) {
      return signerFailure({
        kind: 'cors',
        meaning: 'The browser blocked the signer’s answer (CORS).',
        cause: `${url} is on another origin and answered without allowing ${location.origin}.`,
        fix:
          `Make the endpoint allow this origin: answer OPTIONS and POST with "Access-Control-Allow-Origin: ${location.origin}" ` +
          'and "Access-Control-Allow-Headers: content-type".',
      });
    }
    return signerFailure({
      kind: 'network',
      meaning: 'Could not reach the signer.',
      cause:
        `The request to ${url} failed before any answer (${reason}).` +
        // Safari's isolated documents are all require-corp: nothing there can tell a refused origin from a dead server.
        (isCrossOrigin(url) && typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated
          ? ' This browser cannot tell that apart from a signer that refuses this origin (CORS).'
          : ''),
      fix:
        'Check your connection and try again; locally, make sure `npm run dev` is running. A signer on another ' +
        `origin must also answer OPTIONS and POST with "Access-Control-Allow-Origin: ${typeof location === 'undefined' ? '<this origin>' : location.origin}".`,
    });
  }
  const outcome = interpretSignerResponse(res.status, res.headers.get('content-type'), text);
  const date = res.headers.get('date');
  return outcome.ok && date ? { ...outcome, serverDate: new Date(date) } : outcome;
}
