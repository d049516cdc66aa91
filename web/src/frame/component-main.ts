/**
 * The component-view frame's entry (web/meeting-component.html): hands the page the same API as the client-view
 * frame, and tells the page when a joined meeting is over.
 */
import { FRAME_READY_MESSAGE } from '../shared/frame-protocol.ts';
import { check, join, leave, loadSdk, mute, prepare, ready, reportLeaving } from './component-view.ts';
import { progress } from './join-stage.ts';
import { signerReachable } from './probe-assets.ts';

window.meetingFrame = { ready, prepare, join, check, progress, signerReachable, leave, mute };
window.parent.postMessage({ type: FRAME_READY_MESSAGE }, location.origin);
// A failed download surfaces when join() awaits it; here it would only be an unhandled rejection.
loadSdk().catch(() => undefined);
reportLeaving();
