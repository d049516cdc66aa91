import { explainJoinError, signedForLine } from '../../../lib/errors/join-errors.ts';
import { inspectSignature } from '../../../lib/check-signature.ts';
import { failed, succeeded, type Result } from '../../../lib/result.ts';
import type { JoinForm, JoinFormValues } from './form.ts';
import {
  initMeeting,
  inMeeting,
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
import { requestZoomTokens, type ZoomTokens } from './request-zoom-tokens.ts';
import { HostWait, MAX_WAIT_SECONDS, showStateInTitle } from './wait-for-host.ts';
import { byId } from './dom.ts';
import { showProblem, showStatus, type Problem } from './show-problem.ts';
import { emitJoinEvent } from './join-events.ts';
import type { Expectations } from '../../../lib/check-signature.ts';
import { clockSkewSeconds, clockWarning, showInspection } from './show-signature-details.ts';

// The embed document's commands (web/src/embed-frame/), loaded with the join flow.
export { inMeeting, leaveMeeting, muteMeeting } from './meeting-frame-host.ts';

/** The Details panel after signing: the decoded signature, its problems, and a clock-skew warning. */
function showSignatureDetails(
  signature: string,
  values: { meetingNumber: string; role: 0 | 1 },
  serverDate?: Date,
): void {
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

/** What the page keeps while it waits for the host: reused for every try until it is close to expiring. */
interface Credentials {
  signature: string;
  tokens: ZoomTokens;
  /** Date.now() after which the signature (or the ZAK / OBF token, 2 h) may not last through another try. */
  renewAt: number;
  /** The meeting number the signature was made for. */
  signedFor: string | undefined;
}

/** Renewed this long before the signature expires: a try, and Zoom's check of it, take seconds, not minutes. */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;
/** ZAKs and OBF tokens live 2 hours (the page cannot read their expiry); renewed well before. */
const TOKEN_REUSE_MS = 90 * 60_000;

type Signed = Result<Credentials, Problem & { signedOut: boolean }>;

/** A signature, and the host's ZAK or an OBF token when the join needs one. */
async function sign(values: JoinFormValues, view: MeetingView): Promise<Signed> {
  const [signed, zoomTokens] = await Promise.all([
    requestSignature({ meetingNumber: values.meetingNumber, role: values.role }, undefined, () =>
      signerReachableFromFrame(values.language, view),
    ),
    requestZoomTokens(values),
  ]);
  if (!zoomTokens.ok) return zoomTokens;
  if (!signed.ok) return failed({ title: 'Could not get a signature', ...signed.problem, signedOut: false });
  const { signature } = signed.value.response;
  showSignatureDetails(signature, values, signed.value.serverDate);
  const { claims } = inspectSignature(signature);
  // Its lifetime counted from now, not its exp against this computer's clock (which may be off).
  const lifetimeMs =
    typeof claims?.['exp'] === 'number' && typeof claims['iat'] === 'number'
      ? (claims['exp'] - claims['iat']) * 1000
      : 0;
  const now = Date.now();
  return succeeded({
    signature,
    tokens: zoomTokens.value,
    renewAt: now + Math.min(lifetimeMs - RENEW_BEFORE_EXPIRY_MS, TOKEN_REUSE_MS),
    signedFor: claims?.['mn'] === undefined ? undefined : String(claims['mn']),
  });
}

/** What the page can learn from the sign-in box: whether Zoom still knows the user, and to say when it does not. */
interface Account {
  signedIn(): Promise<boolean>;
  markSignedOut(): void;
}

/**
 * Sign (and fetch the host's ZAK or an OBF token when needed), then join; every failure ends as an explanation
 * on the page with the form ready again. A refusal that can pass by itself (the table's Retry: the meeting has not
 * started, Zoom is busy) is waited out, trying again at the table's pace, until a try gets further or the build's
 * maximum wait is over (page/wait-for-host.ts).
 */
export async function runJoin(form: JoinForm, account: Account): Promise<void> {
  const values = form.values();
  const view = effectiveView(values.view);
  form.setBusy(true, 'Joining…');
  emitJoinEvent({ type: 'joining', view });
  const fail = (problem: Problem, code: number | null = null) => {
    showProblem(problem);
    emitJoinEvent({ type: 'failed', code, problem });
  };
  let wait: HostWait | undefined;
  let closingStatus: string | null = null;
  let startAsHost = false;
  try {
    showStatus(
      values.role === 1 || values.otherAccount ? 'Getting a signature and your Zoom token…' : 'Getting a signature…',
    );
    // init() needs no signature: if prefetching has not done it yet, overlap it with the signer's round trip.
    initMeeting(values.language, view);
    let credentials: Credentials | undefined;
    for (;;) {
      if (!credentials || Date.now() >= credentials.renewAt) {
        const signed = await sign(values, view);
        if (!signed.ok) {
          const { signedOut, ...problem } = signed.problem;
          if (signedOut) account.markSignedOut();
          fail(problem);
          return;
        }
        credentials = signed.value;
      }
      await waitForJoinSlot(form);
      form.setBusy(true, wait ? 'Waiting…' : 'Joining…');
      if (!wait) showStatus('Joining the meeting…');
      const joined = await joinMeeting(
        { ...values, ...credentials.tokens, signature: credentials.signature },
        view,
        wait !== undefined,
      );
      if (joined.ok) {
        emitJoinEvent({ type: 'joined' });
        if (view === 'component')
          closingStatus = 'In the meeting, inside this page. Leave it from the meeting’s toolbar.';
        return;
      }
      const info = explainJoinError(joined.zoomCode ?? joined.code, joined.message, view);
      const retry = joined.unansweredSeconds === undefined && MAX_WAIT_SECONDS > 0 ? info.retry : undefined;
      if (!retry) {
        fail(explainFailedJoin(joined, view), info.code);
        return;
      }
      const pageCheck = signedForLine(credentials.signedFor, values.meetingNumber);
      if (!wait) {
        wait = new HostWait(values.meetingNumber, values.role === 0 ? account.signedIn() : Promise.resolve(false));
        emitJoinEvent({ type: 'waiting', reason: info.meaning });
      }
      const next = await wait.afterRefusal(retry, pageCheck);
      if (next === 'cancel') {
        closingStatus = 'Stopped waiting. Join starts again whenever you are ready.';
        emitJoinEvent({ type: 'left' });
        return;
      }
      if (next === 'start-as-host') {
        startAsHost = true;
        return;
      }
      if (next === 'expired') {
        fail(wait.gaveUp(info.code, info, retry, pageCheck), info.code);
        return;
      }
    }
  } catch (error) {
    // The SDK itself failed to load or threw: still explain rather than leave a spinner.
    fail({
      title: 'The Zoom Meeting SDK failed to start',
      meaning: error instanceof Error ? error.message : String(error),
      cause: 'The SDK could not be downloaded or initialised (network, ad blocker, or an unsupported browser).',
      fix: 'Reload the page and try again; check the browser console for the underlying error.',
    });
  } finally {
    wait?.end(inMeeting());
    showStatus(closingStatus);
    form.setBusy(false);
    // The signed-in user chose to start the meeting they were waiting for: the same form, as its host.
    if (startAsHost) form.startAsHost();
  }
}

onMeetingLeft(() => {
  emitJoinEvent({ type: 'left' });
  showStateInTitle(null);
  showStatus('You left the meeting.');
});
