/**
 * The page's bound on a join (lib/join-deadline.ts): when nothing arrives in the frame for the build's timeout while
 * the SDK fetches Zoom's files or waits for Zoom's answer, the attempt ends as the SDK's own code for that failure, so
 * the one join-error table explains it: the files never arrived, so the join request was never sent (3635 in client
 * view, 5001 in component view), or the join request was sent and Zoom's web server never answered (3621). The
 * frame's progress is read by polling: a frame whose SDK is stuck cannot be trusted to report anything.
 */
import { joinTimeout } from '../../../lib/join-deadline.ts';
import type { JoinResult, MeetingFrameApi, MeetingView } from '../shared/frame-protocol.ts';

const configured = joinTimeout(import.meta.env.VITE_JOIN_TIMEOUT_SECONDS);
// vite.config.ts refuses to build with a value it does not accept, so a built page never takes the default here.
const TIMEOUT_SECONDS = configured.ok ? configured.seconds : (joinTimeout(undefined) as { seconds: number }).seconds;
/** Our own bundle (from this site) gets longer: a loaded 2-core machine has taken 20 s to evaluate it. */
const SDK_LOAD_SECONDS = TIMEOUT_SECONDS * 2;
const POLL_MS = 250;

const FILES_MISSING: Record<MeetingView, number> = { client: 3635, component: 5001 };
const NO_ANSWER = 3621;

interface Deadline {
  /** Settles only when the deadline passes: a failure to explain, or a rejection when the SDK bundle never loaded. */
  expired: Promise<JoinResult>;
  cancel(): void;
}

export function joinDeadline(api: MeetingFrameApi, view: MeetingView): Deadline {
  let timer: ReturnType<typeof setInterval> | undefined;
  const expired = new Promise<JoinResult>((resolve, reject) => {
    const started = Date.now();
    timer = setInterval(() => {
      const { stage, quietMs } = api.progress();
      if (stage === 'sdk') {
        if (Date.now() - started < SDK_LOAD_SECONDS * 1000) return;
        clearInterval(timer);
        reject(new Error(`The Meeting SDK did not finish loading from this site within ${SDK_LOAD_SECONDS} s.`));
      } else if (stage === 'zoom-answered') {
        clearInterval(timer);
      } else if (quietMs >= TIMEOUT_SECONDS * 1000) {
        clearInterval(timer);
        resolve({
          ok: false,
          code: stage === 'zoom-answer' ? NO_ANSWER : FILES_MISSING[view],
          message: '',
          unansweredSeconds: TIMEOUT_SECONDS,
        });
      }
    }, POLL_MS);
  });
  expired.catch(() => undefined); // the join's own handler reports it
  return { expired, cancel: () => clearInterval(timer) };
}
