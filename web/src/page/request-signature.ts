/** Asks the signer (this site's function, or your own backend) for a signature: the request, and network failures. */
import type { SignatureRequestInput } from '../../../lib/contract.ts';
import { frameEmbedderPolicy } from '../../../lib/isolation.ts';
import { reachableWithoutCors } from '../shared/reachable.ts';
import { SIGNATURE_URL } from '../shared/signer-url.ts';
import { failed } from '../../../lib/result.ts';
import { postJson } from './post-json.ts';
import { interpretSignerResponse, type SignerOutcome } from './read-signer-answer.ts';

function isCrossOrigin(url: string): boolean {
  return typeof location !== 'undefined' && new URL(url, location.href).origin !== location.origin;
}

/**
 * A browser reports a CORS refusal exactly like a dead network. A `no-cors` request tells them apart
 * (shared/reachable.ts), but the require-corp form page refuses its opaque answer, so the caller asks a
 * credentialless document too (the meeting frame). In WebKit every isolated document is require-corp: nothing there
 * can tell, and the explanation says so.
 */
type SignerReachable = () => Promise<boolean>;

const cannotTellCors = (): boolean =>
  typeof navigator !== 'undefined' &&
  typeof crossOriginIsolated !== 'undefined' &&
  crossOriginIsolated &&
  frameEmbedderPolicy(navigator.userAgent) === 'require-corp';

/** POSTs the contract's request to the signer and interprets the answer. */
export async function requestSignature(
  request: SignatureRequestInput,
  url = SIGNATURE_URL,
  reachableElsewhere: SignerReachable = async () => false,
): Promise<SignerOutcome> {
  const posted = await postJson(url, request);
  if (!posted.ok) {
    const { reason } = posted.problem;
    if (isCrossOrigin(url) && ((await reachableWithoutCors(url, 'POST')) || (await reachableElsewhere()))) {
      return failed({
        kind: 'cors',
        meaning: 'The browser blocked the signer’s answer (CORS).',
        cause: `${url} is on another origin and answered without allowing ${location.origin}.`,
        fix:
          `Make the endpoint allow this origin: answer OPTIONS and POST with "Access-Control-Allow-Origin: ${location.origin}" ` +
          'and "Access-Control-Allow-Headers: content-type".',
      });
    }
    return failed({
      kind: 'network',
      meaning: 'Could not reach the signer.',
      cause:
        `The request to ${url} failed before any answer (${reason}).` +
        (isCrossOrigin(url) && cannotTellCors()
          ? ' This browser cannot tell that apart from a signer that refuses this origin (CORS).'
          : ''),
      fix:
        'Check your connection and try again; locally, make sure `npm run dev` is running. A signer on another ' +
        `origin must also answer OPTIONS and POST with "Access-Control-Allow-Origin: ${typeof location === 'undefined' ? '<this origin>' : location.origin}".`,
    });
  }
  const { status, headers, text } = posted.value;
  const outcome = interpretSignerResponse(status, headers.get('content-type'), text);
  const date = headers.get('date');
  return outcome.ok && date ? { ...outcome, value: { ...outcome.value, serverDate: new Date(date) } } : outcome;
}
