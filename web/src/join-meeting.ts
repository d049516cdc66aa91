import type { JoinParams, JoinResult } from './meeting-frame-api.ts';
import { LEFT_MEETING_MESSAGE } from './meeting-frame-api.ts';

export type { JoinParams, JoinResult };

/** Zoom allows one join() every 10 s. */
export const JOIN_INTERVAL_MS = 10_000;
let lastJoinAt = -Infinity;

/** How long until Zoom accepts another join from this page. */
export function msUntilJoinAllowed(now = Date.now()): number {
  return Math.max(0, lastJoinAt + JOIN_INTERVAL_MS - now);
}

const FRAME_URL = '/meeting.html';
let frame: { element: HTMLIFrameElement; loaded: Promise<void> } | undefined;

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
  const loaded = new Promise<void>((resolve, reject) => {
    element.addEventListener('load', () => resolve(), { once: true });
    element.addEventListener('error', () => reject(new Error(`${FRAME_URL} failed to load`)), { once: true });
  });
  document.body.append(element);
  return { element, loaded };
}

/** Creates the (hidden) frame early, so the SDK downloads while the user is still typing. */
export function prepareMeetingFrame(): void {
  frame ??= createFrame();
}

function discardFrame(): void {
  frame?.element.remove();
  frame = undefined;
}

export async function joinMeeting(params: JoinParams): Promise<JoinResult> {
  prepareMeetingFrame();
  const current = frame!;
  try {
    await current.loaded;
    const api = current.element.contentWindow?.meetingFrame;
    if (!api) throw new Error('The meeting frame did not start (its script failed to load).');
    current.element.hidden = false;
    const result = await api.join(params);
    // Stamped when Zoom has answered, i.e. just after the SDK's join() call: never earlier than Zoom counts it.
    lastJoinAt = Date.now();
    if (!result.ok) {
      // The failed SDK instance cannot join again: replace it with a fresh one, loading from cache, for the retry.
      discardFrame();
      prepareMeetingFrame();
    }
    return result;
  } catch (error) {
    discardFrame();
    throw error;
  }
}

/** Calls `onLeft` when the user leaves the meeting (the SDK sends the frame to its leave URL). */
export function onMeetingLeft(onLeft: () => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: unknown } | null;
    if (event.origin !== location.origin || data?.type !== LEFT_MEETING_MESSAGE) return;
    discardFrame();
    onLeft();
  });
}
