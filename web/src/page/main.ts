import { JoinForm } from './form.ts';
import { forgetSdkTokens } from './sdk-token-copies.ts';
import { couldNotLoad, showProblem } from './show-problem.ts';
import { describeViewChoice } from './meeting-view.ts';
import { byId } from './dom.ts';
import { parseOwnJoinLink } from './invite-link.ts';
import { copyJoinLink } from './copy-join-link.ts';
import { JOIN_LINK_PREFIX } from '../../../lib/join-link.ts';

forgetSdkTokens();

const formElement = document.querySelector<HTMLFormElement>('#join-form');
if (!formElement) throw new Error('#join-form is missing from index.html');
const form = new JoinForm(formElement);

// Opened through this site's join link (/j/<number>?pwd=…): the meeting is filled in, the name is what is left.
const joinLink = parseOwnJoinLink(location.href);
if (joinLink) {
  form.fill(joinLink);
  // The passcode and tk leave the address bar (and this history entry), as typed fields never enter it.
  history.replaceState(null, '', `${JOIN_LINK_PREFIX}${joinLink.meetingNumber}`);
  form.focus('userName');
}
// The sign-in box (hosts, other accounts' meetings) and its explanations load right after the form, not before it.
// If it fails to load, joining works as before; only the sign-in box stays hidden (null: nothing to update).
const account = import('./zoom-sign-in.ts').then(({ ZoomAccount }) => new ZoomAccount(form)).catch(() => null);
// The benchmark reads this mark: the moment the form is ready for input.
performance.mark('form-interactive');

// Everything after the click (signer client, error table, meeting frame) is loaded off the critical path.
let joinFlow: Promise<typeof import('./join.ts')> | undefined;
function loadJoinFlow(): Promise<typeof import('./join.ts')> {
  joinFlow ??= import('./join.ts');
  joinFlow.catch(() => (joinFlow = undefined));
  return joinFlow;
}

/**
 * Once the form is usable: load the join flow, and the chosen view's SDK in its hidden frame, initialised and
 * waiting. Only the chosen (or remembered) view is fetched: the embedded SDK stays off the network otherwise.
 */
function prefetch(): void {
  const { language, view } = form.values();
  loadJoinFlow()
    .then((flow) => flow.prepareMeeting(language, view))
    .catch(() => undefined);
}

let prefetched = false;
const viewHint = byId('view-hint');
describeViewChoice(viewHint, form.values().view);
formElement.addEventListener('change', (event) => {
  if ((event.target as HTMLInputElement).name !== 'view') return;
  describeViewChoice(viewHint, form.values().view);
  // Choosing the other view: prefetch its frame instead (the previous one is discarded).
  if (prefetched) prefetch();
});

formElement.addEventListener('submit', (event) => {
  event.preventDefault();
  showProblem(null);
  if (!form.validate()) return;
  // The camera preview ends before the meeting takes the camera (and hides the preview with the form).
  if (browserCheckLoaded) void browserCheck().then((check) => check?.stopPreview());
  form.remember();
  form.setBusy(true, 'Joining…');
  loadJoinFlow()
    .then((flow) =>
      flow.runJoin(form, {
        signedIn: () => account.then((box) => box?.signedIn() ?? false),
        markSignedOut: () => void account.then((box) => box?.markSignedOut()),
      }),
    )
    .catch((error: unknown) => {
      form.setBusy(false);
      showProblem(couldNotLoad('the join step', error));
    });
});

document.getElementById('check-button')?.addEventListener('click', () => {
  const pasted = document.querySelector<HTMLTextAreaElement>('#signature-input')?.value ?? '';
  const { meetingNumber, role } = form.values();
  loadJoinFlow()
    .then((flow) => flow.checkPastedSignature(pasted, { ...(meetingNumber ? { meetingNumber } : {}), role }))
    .catch(() => undefined);
});

byId('copy-join-link').addEventListener('click', () => void copyJoinLink(form));

// The browser check and its preview load only when asked for: nothing of them is on the first load.
let browserCheckLoaded = false;
const browserCheck = () =>
  import('./check-browser.ts')
    .then((module) => ((browserCheckLoaded = true), module))
    .catch((error: unknown) => {
      showProblem(couldNotLoad('the browser check', error));
      return null;
    });
byId('check-browser').addEventListener('click', () => {
  const { language, view } = form.values();
  void browserCheck().then((check) => check?.checkBrowser({ language, view }));
});
byId('preview-devices').addEventListener('click', () => void browserCheck().then((check) => check?.togglePreview()));

const prefetchOnce = () => {
  if (prefetched) return;
  prefetched = true;
  prefetch();
};
formElement.addEventListener('focusin', prefetchOnce, { once: true });
formElement.addEventListener('pointerover', prefetchOnce, { once: true });
if ('requestIdleCallback' in window) requestIdleCallback(prefetchOnce, { timeout: 3000 });
else setTimeout(prefetchOnce, 1500);
