import type { Language } from '../shared/languages.ts';
import { forgetSdkTokens } from './sdk-token-copies.ts';
import { FRAME_READY_MESSAGE, LEFT_MEETING_MESSAGE, type JoinParams, type JoinResult, type MeetingFrameApi } from '../shared/frame-protocol.ts';

export type { JoinParams, JoinResult };

/** Zoom allows one join() every 10 s. */
export const JOIN_INTERVAL_MS = 10_000;
let lastJoinAt = -Infinity;

/** How long until Zoom accepts another join from this page. */
export function msUntilJoinAllowed(now = Date.now()): number {
  return Math.max(0, lastJoinAt + JOIN_INTERVAL_MS - now);
}

const FRAME_URL = '/meeting.html';
let frame: { element: HTMLIFrameElement; api: Promise<MeetingFrameApi> } | undefined;

/**
 * The meeting runs in a same-origin frame: the SDK's client view covers the page with its own global CSS, and
 * after a failed join it cannot join again in the same document. A fresh frame per attempt avoids both.
 */
function createFrame(): NonNullable<typeof frame> {
  const element = document.createElement('iframe');
  element.src = FRAME_URL;
  element.title = 'Zoom meeting';
  element.className = 'meeting-frame';
  element.allow = 'camera; microphone; display-capture; autoplay; fullscreen; clipboard-write';
  element.hidden = true;
  // The frame announces its API as soon as its script runs, long before `load` (which also waits for the SDK's
  // media scripts): waiting for `load` would put those downloads back on the click path.
  const api = new Promise<MeetingFrameApi>((resolve, reject) => {
    const onMessage = (event: MessageEvent<unknown>) => {
      const api = element.contentWindow?.meetingFrame;
      if (event.source !== element.contentWindow || (event.data as { type?: unknown } | null)?.type !== FRAME_READY_MESSAGE || !api) return;
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
  document.body.append(element);
  return { element, api };
}

/** Removes `which` (by default the current frame) and the SDK's token copies; a newer frame stays. */
function discardFrame(which = frame): void {
  which?.element.remove();
  if (frame === which) frame = undefined;
  forgetSdkTokens();
}

/** The current (hidden) frame, created first if there is none. */
function currentFrame(): NonNullable<typeof frame> {
  frame ??= createFrame();
  return frame;
}

/** The language the last frame was prepared in: a replacement frame is prepared the same way. */
let lastLanguage: Language | undefined;

/** Creates the frame if needed and starts the SDK's language load and init() in it (idempotent). */
export function initMeeting(language: Language): void {
  lastLanguage = language;
  currentFrame()
    .api.then((api) => api.prepare(language))
    .catch(() => undefined); // joinMeeting() reports the failure
}

export async function joinMeeting(params: JoinParams): Promise<JoinResult> {
  // This attempt's own frame: a leave or another failure may replace `frame` while join() is awaited.
  const attempt = currentFrame();
  try {
    const api = await attempt.api;
    attempt.element.hidden = false;
    const result = await api.join(params);
    // Stamped when Zoom has answered, i.e. just after the SDK's join() call: never earlier than Zoom counts it.
    lastJoinAt = Date.now();
    if (!result.ok) {
      // The failed SDK instance cannot join again: replace it with a fresh one, loading from cache, for the retry.
      discardFrame(attempt);
      initMeeting(params.language);
    }
    return result;
  } catch (error) {
    discardFrame(attempt);
    throw error;
  }
}

/**
 * Calls `onLeft` when the user leaves the meeting (the SDK sends the frame to its leave URL). The spent frame is
 * replaced by a prepared one at once, so joining again from this tab is as quick as the first prefetched join.
 */
export function onMeetingLeft(onLeft: () => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: unknown } | null;
    if (event.origin !== location.origin || data?.type !== LEFT_MEETING_MESSAGE) return;
    discardFrame();
    if (lastLanguage) initMeeting(lastLanguage);
    onLeft();
  });
}
