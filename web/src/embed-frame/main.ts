/**
 * The embed document (web/embed.html), inside another site's page: the same join flow as the form page (page/),
 * configured by the embedding page's options and reporting to it over postMessage (shared/embed-protocol.ts). The
 * embedding page is the origin /embed.js named; the browser has already checked it against EMBED_ORIGINS (this
 * document's frame-ancestors), and every message either way is bound to that exact origin and window.
 */
import {
  EMBED_CHANNEL,
  EMBEDDER_PARAM,
  type EmbedCommand,
  type EmbedConfigure,
  type EmbedEvent,
  type EmbedOptions,
} from '../shared/embed-protocol.ts';
import { JoinForm } from '../page/form.ts';
import { forgetSdkTokens } from '../page/sdk-token-copies.ts';
import { couldNotLoad, showProblem } from '../page/show-problem.ts';
import { emitJoinEvent, onJoinEvent } from '../page/join-events.ts';
import { byId } from '../page/dom.ts';
import { checkOptions } from './options.ts';

forgetSdkTokens();

const formElement = byId('join-form') as HTMLFormElement;
const form = new JoinForm(formElement);

/** The embedding page's origin, as /embed.js gave it; null when this document is not framed by another page. */
function embedderOrigin(): string | null {
  const claimed = new URLSearchParams(location.search).get(EMBEDDER_PARAM);
  if (window.parent === window || !claimed) return null;
  try {
    if (new URL(claimed).origin !== claimed) return null;
  } catch {
    return null;
  }
  // Where the browser says who the parent is (Chromium, WebKit), it must be the same.
  const actual = location.ancestorOrigins?.[0];
  return actual === undefined || actual === claimed ? claimed : null;
}
const embedder = embedderOrigin();

function post(message: EmbedEvent | { type: 'hello' }): void {
  if (embedder) window.parent.postMessage({ channel: EMBED_CHANNEL, ...message }, embedder);
}

let joinFlow: Promise<typeof import('../page/join.ts')> | undefined;
function loadJoinFlow(): Promise<typeof import('../page/join.ts')> {
  joinFlow ??= import('../page/join.ts');
  joinFlow.catch(() => (joinFlow = undefined));
  return joinFlow;
}
/** The SDK's frame, prepared: once the form is used, or at once when the meeting is preset. */
const prefetch = () => {
  const { language, view } = form.values();
  loadJoinFlow()
    .then((flow) => flow.prepareMeeting(language, view))
    .catch(() => undefined);
};

function setField(name: string, value: string): void {
  const input = formElement.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
  if (input) input.value = value;
}

function apply(options: EmbedOptions): void {
  if (options.meeting !== undefined) setField('meetingNumber', options.meeting);
  byId('meetingNumber-field').hidden = options.meeting !== undefined;
  const askPasscode = options.passcode === 'ask' || (options.passcode === undefined && options.meeting === undefined);
  setField('passcode', askPasscode ? '' : (options.passcode ?? ''));
  byId('passcode-field').hidden = !askPasscode;
  if (options.name !== undefined) setField('userName', options.name);
  if (options.email !== undefined) setField('userEmail', options.email);
  if (options.language !== undefined) setField('language', options.language);
  const view = formElement.querySelector<HTMLInputElement>(
    `input[name="view"][value="${options.view ?? 'component'}"]`,
  );
  if (view) view.checked = true;
  form.focus(options.meeting === undefined ? 'meetingNumber' : 'userName');
  if (options.meeting !== undefined) prefetch();
}

let configured = false;
window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data as (EmbedConfigure | EmbedCommand) & { channel?: unknown };
  if (!embedder || event.source !== window.parent || event.origin !== embedder || data?.channel !== EMBED_CHANNEL)
    return;
  if (data.type === 'configure' && !configured) {
    configured = true;
    const checked = checkOptions(data.options);
    if (checked.ok) apply(checked.options);
    else {
      showProblem(checked.failure);
      post({ type: 'failed', ...checked.failure });
    }
    // Gallery view needs SharedArrayBuffer, which this frame has only when the embedding page is isolated too.
    if (!window.crossOriginIsolated)
      console.warn(`Zoom join: not cross-origin isolated inside ${embedder}; no gallery view (docs/embed.md).`);
    post({ type: 'ready', crossOriginIsolated: window.crossOriginIsolated });
  }
  if (data.type === 'leave') void leave();
  if (data.type === 'mute' && typeof data.muted === 'boolean')
    void loadJoinFlow().then((flow) => flow.muteMeeting(data.muted));
});

/** Leaves the meeting, or stops waiting for the host (as the Cancel button does). */
async function leave(): Promise<void> {
  const flow = await loadJoinFlow();
  if (flow.inMeeting()) await flow.leaveMeeting();
  else if (!byId('waiting').hidden) byId('waiting-cancel').click();
}

// Only what the page itself shows: titles and explanations, never a signature, token or passcode.
onJoinEvent((event) => {
  if (event.type !== 'failed') return post(event);
  const { title, meaning, cause, fix } = event.problem;
  post({ type: 'failed', code: event.code, title, meaning, cause, fix });
});

formElement.addEventListener('focusin', prefetch, { once: true });
formElement.addEventListener('pointerover', prefetch, { once: true });
formElement.addEventListener('submit', (event) => {
  event.preventDefault();
  showProblem(null);
  if (!form.validate()) return;
  // Remembered per embedding site: browsers partition a cross-site frame's storage.
  form.remember();
  form.setBusy(true, 'Joining…');
  loadJoinFlow()
    .then((flow) => flow.runJoin(form, { signedIn: async () => false, markSignedOut: () => undefined }))
    .catch((error: unknown) => {
      form.setBusy(false);
      const problem = couldNotLoad('the join step', error);
      showProblem(problem);
      emitJoinEvent({ type: 'failed', code: null, problem });
    });
});

post({ type: 'hello' });
