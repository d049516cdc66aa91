import type { Language } from '../shared/languages.ts';
import {
  FRAME_READY_MESSAGE,
  frameUrl,
  LEFT_MEETING_MESSAGE,
  type JoinParams,
  type JoinResult,
  type MeetingFrameApi,
  type MeetingView,
  type SdkCheck,
} from '../shared/frame-protocol.ts';
import { byId } from './dom.ts';
import { forgetSdkTokens } from './sdk-token-copies.ts';
import { frameEmbedderPolicy } from '../../../lib/isolation.ts';
import { joinDeadline } from './join-deadline.ts';

export type { JoinParams, JoinResult, MeetingView };

/** Zoom allows one join() every 10 s. */
const JOIN_INTERVAL_MS = 10_000;
let lastJoinAt = -Infinity;

/** How long until Zoom accepts another join from this page. */
export function msUntilJoinAllowed(now = Date.now()): number {
  return Math.max(0, lastJoinAt + JOIN_INTERVAL_MS - now);
}

interface Frame {
  view: MeetingView;
  /** Component view takes its language at init() only: another language needs another frame. */
  language: Language;
  element: HTMLIFrameElement;
  api: Promise<MeetingFrameApi>;
}
let frame: Frame | undefined;
/** The frame whose meeting is running: joined, and neither left nor discarded since. */
let joined: Frame | undefined;

/** Whether the user is in a meeting now. The page asks this, never the layout: its classes are for style.css. */
export function inMeeting(): boolean {
  return joined !== undefined;
}

/** Leaves the running meeting, if there is one: its frame then reports the leave (onMeetingLeft). */
export async function leaveMeeting(): Promise<void> {
  await (await joined?.api)?.leave();
}

/** Mutes or unmutes the microphone in the running meeting; nothing without one. */
export async function muteMeeting(muted: boolean): Promise<void> {
  await (await joined?.api)?.mute(muted);
}

/**
 * The meeting runs in a same-origin frame, one per view. Client view covers the page with its own global CSS and,
 * after a failed join, cannot join again in the same document ("mainTaskType is not exist"): a fresh frame per
 * attempt. Component view was tried the same way (Chromium, the installed SDK, Zoom faked at the network edge: four failed
 * joins in a row in one document, 10 s apart, each reached wc/info again and was decoded): the embedded client CAN
 * join again after a failure, so its frame is kept for the retry. It still gets a frame of its own, placed in
 * #meeting-region of the page's layout: the embedded SDK injects global styles (emotion/MUI <style> tags) that would
 * restyle the form, and it takes its language at init() only, so a new language is a new frame.
 */
function createFrame(view: MeetingView, language: Language): Frame {
  const element = document.createElement('iframe');
  element.src = frameUrl(view, frameEmbedderPolicy(navigator.userAgent));
  element.title = view === 'component' ? 'Zoom meeting (inside this page)' : 'Zoom meeting';
  element.className = view === 'component' ? 'meeting-frame component' : 'meeting-frame';
  element.allow = 'camera; microphone; display-capture; autoplay; fullscreen; clipboard-write';
  // Client view's frame is hidden but laid out (style.css); component view's is parked with its collapsed region,
  // since `hidden` inside #app means display:none, where Chromium runs a frame's scripts far slower.
  element.hidden = view === 'client';
  // The frame announces its API as soon as its script runs, long before `load` (which also waits for the SDK's
  // media scripts): waiting for `load` would put those downloads back on the click path.
  const api = new Promise<MeetingFrameApi>((resolve, reject) => {
    const onMessage = (event: MessageEvent<unknown>) => {
      const api = element.contentWindow?.meetingFrame;
      if (
        event.source !== element.contentWindow ||
        (event.data as { type?: unknown } | null)?.type !== FRAME_READY_MESSAGE ||
        !api
      )
        return;
      window.removeEventListener('message', onMessage);
      resolve(api);
    };
    window.addEventListener('message', onMessage);
    element.addEventListener('load', () => {
      if (element.contentWindow?.meetingFrame) return;
      window.removeEventListener('message', onMessage);
      reject(new Error('The meeting frame did not start (its script failed to load).'));
    });
  });
  api.catch(() => undefined); // reported by joinMeeting()
  // Placed once and never moved: moving an iframe in the DOM reloads it, and the SDK with it.
  (view === 'component' ? byId('meeting-region') : document.body).append(element);
  return { view, language, element, api };
}

/**
 * Shows or collapses the page's meeting region (component view); the form comes back when it collapses. Shown from
 * the join attempt on, so `in-meeting` means "the region is up", not "joined": that is inMeeting().
 */
function showRegion(active: boolean): void {
  byId('meeting-region').classList.toggle('active', active);
  byId('app').classList.toggle('in-meeting', active);
}

/** Removes `which` (by default the current frame) and the SDK's token copies; a newer frame stays. */
function discardFrame(which = frame): void {
  if (which?.view === 'component') showRegion(false);
  which?.element.remove();
  if (frame === which) frame = undefined;
  if (joined === which) joined = undefined;
  forgetSdkTokens();
}

/** The current (hidden) frame for this view, created first if there is none or it is of the other view. */
function currentFrame(view: MeetingView, language: Language): Frame {
  if (frame && (frame.view !== view || (view === 'component' && frame.language !== language))) discardFrame();
  frame ??= createFrame(view, language);
  return frame;
}

/** How the last frame was prepared: a replacement frame is prepared the same way. */
let last: { view: MeetingView; language: Language } | undefined;

/** Creates the frame for `view` if needed and starts the SDK's language load and init() in it (idempotent). */
export function initMeeting(language: Language, view: MeetingView): void {
  last = { view, language };
  currentFrame(view, language)
    .api.then((api) => api.prepare(language))
    .catch(() => undefined); // joinMeeting() reports the failure
}

/** The SDK's own browser check, in the frame a join would use (created and prepared first if there is none). */
export async function checkInFrame(language: Language, view: MeetingView): Promise<SdkCheck> {
  initMeeting(language, view);
  const attempt = currentFrame(view, language);
  try {
    return await (await attempt.api).check();
  } catch (error) {
    // A frame whose SDK did not load stays broken: the next check or join gets a fresh one, as after a failed join.
    discardFrame(attempt);
    throw error;
  }
}

/** Whether the signer answers at all, asked from the prepared meeting frame (frame/probe-assets.ts says why). */
export async function signerReachableFromFrame(language: Language, view: MeetingView): Promise<boolean> {
  initMeeting(language, view);
  try {
    return await (await currentFrame(view, language).api).signerReachable();
  } catch {
    return false;
  }
}

/** A refused try hands back to the page within moments; one still running this long after Zoom's answer is not. */
const REFUSAL_SETTLES_MS = 3000;

/**
 * Shows the meeting once Zoom has let this try in (or it is still running well after Zoom's answer: the SDK's own
 * waiting page), so that trying again while waiting for the host does not flash the meeting up for every refusal.
 */
function revealOnceAdmitted(api: MeetingFrameApi, reveal: () => void): () => void {
  let answeredAt: number | undefined;
  const timer = setInterval(() => {
    const { stage, zoomRefusal } = api.progress();
    if (stage !== 'zoom-answered') return;
    answeredAt ??= Date.now();
    if (zoomRefusal !== undefined && Date.now() - answeredAt < REFUSAL_SETTLES_MS) return;
    clearInterval(timer);
    reveal();
  }, 250);
  return () => clearInterval(timer);
}

/** `quietly`: a try while the page waits for the host, shown only once Zoom lets it in. */
export async function joinMeeting(params: JoinParams, view: MeetingView, quietly = false): Promise<JoinResult> {
  // This attempt's own frame: a leave or another failure may replace `frame` while join() is awaited.
  const attempt = currentFrame(view, params.language);
  let stopRevealing = () => {};
  try {
    const api = await attempt.api;
    const reveal = () => {
      attempt.element.hidden = false;
      if (view === 'component') showRegion(true);
    };
    if (quietly) stopRevealing = revealOnceAdmitted(api, reveal);
    else reveal();
    const deadline = joinDeadline(api, view);
    const result = await Promise.race([api.join(params), deadline.expired]).finally(() => {
      deadline.cancel();
      stopRevealing();
    });
    if (result.ok) {
      // A frame discarded while join() was awaited (another view chosen) holds no meeting the page can show.
      if (frame === attempt) joined = attempt;
      reveal();
    }
    // Stamped when Zoom has answered, i.e. just after the SDK's join() call: never earlier than Zoom counts it.
    lastJoinAt = Date.now();
    if (!result.ok && (view === 'client' || result.unansweredSeconds !== undefined)) {
      // A failed client-view instance cannot join again, and a join Zoom never answered is still running in its
      // frame: replace it with a fresh one, from cache, for the retry.
      discardFrame(attempt);
      initMeeting(params.language, view);
    } else if (!result.ok) {
      // The embedded client can retry in the same document (above): collapse the region, keep the frame warm.
      showRegion(false);
      forgetSdkTokens();
    }
    return result;
  } catch (error) {
    stopRevealing();
    discardFrame(attempt);
    throw error;
  }
}

/**
 * Calls `onLeft` when the user leaves the meeting (client view: the SDK sends its frame to the leave URL; component
 * view: the embedded client reports the connection closed). The spent frame is replaced by a prepared one at once,
 * so joining again from this tab is as quick as the first prefetched join.
 */
export function onMeetingLeft(onLeft: () => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: unknown } | null;
    if (event.origin !== location.origin || data?.type !== LEFT_MEETING_MESSAGE) return;
    discardFrame();
    if (last) initMeeting(last.language, last.view);
    onLeft();
  });
}
