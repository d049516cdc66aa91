/**
 * The page's bound on a join (lib/join-deadline.ts): when Zoom leaves the frame's join unanswered for the build's
 * timeout (and at most PROBE_SECONDS more to tell why), the attempt ends as the SDK's own code for that failure, so
 * the one join-error table explains it: files from Zoom's CDN never arrived (3635 in client view, 5001 in component
 * view) or Zoom's web server never answered (3621). The frame's stage is read by polling: a frame whose SDK is stuck
 * cannot be trusted to report anything.
 */
import { joinTimeout } from '../../../lib/join-deadline.ts';
import type { JoinResult, JoinStage, MeetingFrameApi, MeetingView } from '../shared/frame-protocol.ts';

const configured = joinTimeout(import.meta.env.VITE_JOIN_TIMEOUT_SECONDS);
// vite.config.ts refuses to build with a value it does not accept, so a built page never gets the fallback.
const TIMEOUT_SECONDS = configured.ok ? configured.seconds : 30;
/** Our own bundle (from this site) gets longer: a loaded 2-core machine has taken 20 s to evaluate it. */
const SDK_LOAD_SECONDS = TIMEOUT_SECONDS * 2;
const POLL_MS = 250;

/** The SDK's own code for each failure, per view: its files never arrived, or Zoom's web server never answered. */
const FILES_MISSING: Record<MeetingView, number> = { client: 3635, component: 5001 };
const NO_ANSWER = 3621;
/** How long the deadline's own check of Zoom's CDN may take. */
const PROBE_SECONDS = 5;

interface Deadline {
  /** Settles only when the deadline passes: a failure to explain, or a rejection when the SDK bundle never loaded. */
  expired: Promise<JoinResult>;
  cancel(): void;
}

/**
 * While join() waits for Zoom's answer the SDK may still be fetching files first (the join request itself waits for
 * them), so which of the two Zoom left unanswered is asked of the CDN once the time is up.
 */
async function unansweredCode(api: MeetingFrameApi, stage: JoinStage, view: MeetingView): Promise<number> {
  if (stage === 'zoom-files') return FILES_MISSING[view];
  const timeout = new Promise<boolean>((resolve) => setTimeout(resolve, PROBE_SECONDS * 1000, false));
  const reachable = await Promise.race([api.probeAssets().then((assets) => assets.reachable, () => false), timeout]);
  return reachable ? NO_ANSWER : FILES_MISSING[view];
}

export function joinDeadline(api: MeetingFrameApi, view: MeetingView): Deadline {
  let timer: ReturnType<typeof setInterval> | undefined;
  const expired = new Promise<JoinResult>((resolve, reject) => {
    const started = Date.now();
    let zoomSince: number | undefined;
    timer = setInterval(() => {
      const now = Date.now();
      const stage = api.stage();
      if (stage === 'sdk') {
        if (now - started < SDK_LOAD_SECONDS * 1000) return;
        clearInterval(timer);
        reject(new Error(`The Meeting SDK did not finish loading from this site within ${SDK_LOAD_SECONDS} s.`));
        return;
      }
      if (stage === 'zoom-answered') {
        clearInterval(timer);
        return;
      }
      zoomSince ??= now;
      if (now - zoomSince < TIMEOUT_SECONDS * 1000) return;
      clearInterval(timer);
      void unansweredCode(api, stage, view).then((code) => resolve({ ok: false, code, message: '', unansweredSeconds: TIMEOUT_SECONDS }));
    }, POLL_MS);
  });
  expired.catch(() => undefined); // the join's own handler reports it
  return { expired, cancel: () => clearInterval(timer) };
}
