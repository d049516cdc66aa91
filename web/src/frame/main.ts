/**
 * The meeting frame's entry (web/meeting.html): hands the page its API, or, when the SDK sent the frame to the
 * leave URL, tells the page the meeting is over.
 */
import { FRAME_READY_MESSAGE, LEFT_MEETING_MESSAGE, LEFT_MEETING_PARAM } from '../shared/frame-protocol.ts';
import { check, join, leave, loadSdk, mute, prepare, ready } from './client-view.ts';
import { progress } from './join-stage.ts';
import { signerReachable } from './probe-assets.ts';

if (new URLSearchParams(location.search).has(LEFT_MEETING_PARAM)) {
  window.parent.postMessage({ type: LEFT_MEETING_MESSAGE }, location.origin);
} else {
  window.meetingFrame = { ready, prepare, join, check, progress, signerReachable, leave, mute };
  window.parent.postMessage({ type: FRAME_READY_MESSAGE }, location.origin);
  // A failed download surfaces when join() awaits it; here it would only be an unhandled rejection.
  loadSdk().catch(() => undefined);
}
