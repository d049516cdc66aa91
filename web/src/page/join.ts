import { explainJoinError } from '../../../lib/errors/join-errors.ts';
import type { JoinForm } from './form.ts';
import {
  initMeeting,
  joinMeeting,
  msUntilJoinAllowed,
  onMeetingLeft,
  signerReachableFromFrame,
  type JoinResult,
  type MeetingView,
} from './meeting-frame-host.ts';
import { effectiveView } from './meeting-view.ts';
import type { Language } from '../shared/languages.ts';
import { requestSignature } from './request-signature.ts';
import { requestZoomTokens } from './request-zoom-tokens.ts';
import { byId } from './dom.ts';
import { showProblem, showStatus, type Problem } from './show-problem.ts';
import type { Expectations } from '../../../lib/check-signature.ts';
import { clockSkewSeconds, clockWarning, showInspection } from './show-signature-details.ts';

/** The Details panel after signing: the decoded signature, its problems, and a clock-skew warning. */
function showSignatureDetails(signature: string, values: { meetingNumber: string; role: 0 | 1 }, serverDate?: Date): void {
  showInspection(byId('signature-inspection'), signature, values);
  const warning = clockWarning(clockSkewSeconds(serverDate));
  const warningElement = byId('clock-warning');
  warningElement.textContent = warning ?? '';
  warningElement.hidden = warning === null;
  byId('signature-details').hidden = false;
}

/** The "Check a signature" box: any pasted signature, checked against the form's meeting number and role. */
export function checkPastedSignature(signature: string, values: Expectations): void {
  showInspection(byId('check-result'), signature, values);
}

/** Prefetching: the frame of the view a join will use (never component view on a phone), prepared and waiting. */
export function prepareMeeting(language: Language, chosen: MeetingView): void {
  initMeeting(language, effectiveView(chosen));
}

/** A failed join as the page shows it: Zoom's own code where the SDK reported a vaguer one, decoded by the table. */
function explainFailedJoin(joined: Extract<JoinResult, { ok: false }>, view: MeetingView): Problem {
  const info = explainJoinError(joined.zoomCode ?? joined.code, joined.message, view);
  const quoted = joined.message ? ` (“${joined.message}”)` : '';
  const title =
    joined.unansweredSeconds !== undefined
      ? `No answer from Zoom within ${joined.unansweredSeconds} s: stopped, as error ${info.code}`
      : joined.zoomCode !== undefined
        ? `Zoom could not join: error ${info.code}, Zoom’s answer (the SDK reported error ${joined.code}${quoted})`
        : `Zoom could not join: error ${info.code}${quoted}`;
  return { title, meaning: info.meaning, cause: info.cause, fix: info.fix };
}

/** Zoom refuses a second join() within 10 s; wait it out visibly instead of failing. */
async function waitForJoinSlot(form: JoinForm): Promise<void> {
  for (let left = msUntilJoinAllowed(); left > 0; left = msUntilJoinAllowed()) {
    form.setBusy(true, `Join (Zoom allows one try every 10 s: ${Math.ceil(left / 1000)} s)`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, 1000)));
  }
}

/**
 * Sign (and fetch the host's ZAK or an OBF token when needed), then join; every failure ends as an explanation
 * on the page with the form ready again. `onSignedOut` runs when the site or Zoom no longer knows the sign-in.
 */
export async function runJoin(form: JoinForm, onSignedOut: () => void): Promise<void> {
  const values = form.values();
  const view = effectiveView(values.view);
  form.setBusy(true, 'Joining…');
  try {
    showStatus(values.role === 1 || values.otherAccount ? 'Getting a signature and your Zoom token…' : 'Getting a signature…');
    // init() needs no signature: if prefetching has not done it yet, overlap it with the signer's round trip.
    initMeeting(values.language, view);
    const [signed, zoomTokens] = await Promise.all([
      requestSignature({ meetingNumber: values.meetingNumber, role: values.role }, undefined, () =>
        signerReachableFromFrame(values.language, view),
      ),
      requestZoomTokens(values),
    ]);
    if (!zoomTokens.ok) {
      if (zoomTokens.signedOut) onSignedOut();
      showProblem(zoomTokens.problem);
      return;
    }
    if (!signed.ok) {
      showProblem({ title: 'Could not get a signature', ...signed.problem });
      return;
    }
    showSignatureDetails(signed.response.signature, values, signed.serverDate);
    await waitForJoinSlot(form);
    form.setBusy(true, 'Joining…');
    showStatus('Joining the meeting…');
    const joined = await joinMeeting({ ...values, ...zoomTokens.tokens, signature: signed.response.signature }, view);
    if (joined.ok) {
      if (view === 'component') showStatus('In the meeting, inside this page. Leave it from the meeting’s toolbar.');
      return;
    }
    showProblem(explainFailedJoin(joined, view));
  } catch (error) {
    // The SDK itself failed to load or threw: still explain rather than leave a spinner.
    showProblem({
      title: 'The Zoom Meeting SDK failed to start',
      meaning: error instanceof Error ? error.message : String(error),
      cause: 'The SDK could not be downloaded or initialised (network, ad blocker, or an unsupported browser).',
      fix: 'Reload the page and try again; check the browser console for the underlying error.',
    });
  } finally {
    if (!document.getElementById('app')?.classList.contains('in-meeting')) showStatus(null);
    form.setBusy(false);
  }
}

onMeetingLeft(() => showStatus('You left the meeting.'));
