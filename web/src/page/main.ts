import { JoinForm } from './form.ts';
import { forgetSdkTokens } from './sdk-token-copies.ts';
import { showProblem } from './show-problem.ts';

forgetSdkTokens();

const formElement = document.querySelector<HTMLFormElement>('#join-form');
if (!formElement) throw new Error('#join-form is missing from index.html');
const form = new JoinForm(formElement);
// The sign-in box (hosts, other accounts' meetings) and its explanations load right after the form, not before it.
// If it fails to load, joining works as before; only the sign-in box stays hidden (null: nothing to update).
const account = import('./zoom-sign-in.ts')
  .then(({ ZoomAccount }) => new ZoomAccount(form))
  .catch(() => null);
// The benchmark reads this mark: the moment the form is ready for input.
performance.mark('form-interactive');

// Everything after the click (signer client, error table, meeting frame) is loaded off the critical path.
let joinFlow: Promise<typeof import('./join.ts')> | undefined;
function loadJoinFlow(): Promise<typeof import('./join.ts')> {
  joinFlow ??= import('./join.ts');
  joinFlow.catch(() => (joinFlow = undefined));
  return joinFlow;
}

/** Once the form is usable: load the join flow, and the SDK in its hidden frame, initialised and waiting. */
function prefetch(): void {
  loadJoinFlow()
    .then((flow) => flow.initMeeting(form.values().language))
    .catch(() => undefined);
}

formElement.addEventListener('submit', (event) => {
  event.preventDefault();
  showProblem(null);
  if (!form.validate()) return;
  form.remember();
  form.setBusy(true, 'Joining…');
  loadJoinFlow()
    .then((flow) => flow.runJoin(form, () => void account.then((box) => box?.markSignedOut())))
    .catch((error: unknown) => {
      form.setBusy(false);
      showProblem({
        title: 'This page could not load the join step',
        meaning: error instanceof Error ? error.message : String(error),
        cause: 'The network dropped, or the site was redeployed while this page was open.',
        fix: 'Reload the page and try again.',
      });
    });
});

document.getElementById('check-button')?.addEventListener('click', () => {
  const pasted = document.querySelector<HTMLTextAreaElement>('#signature-input')?.value ?? '';
  const { meetingNumber, role } = form.values();
  loadJoinFlow()
    .then((flow) => flow.checkPastedSignature(pasted, { ...(meetingNumber ? { meetingNumber } : {}), role }))
    .catch(() => undefined);
});

formElement.addEventListener('focusin', prefetch, { once: true });
formElement.addEventListener('pointerover', prefetch, { once: true });
if ('requestIdleCallback' in window) requestIdleCallback(prefetch, { timeout: 3000 });
else setTimeout(prefetch, 1500);
