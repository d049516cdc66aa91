/**
 * Where this frame's join stands (shared/frame-protocol.ts's JoinStage) and how long nothing has arrived, for the
 * page's deadline (page/join-deadline.ts). Observed from outside the SDK: its bundle loading, the join request to
 * Zoom being sent (`POST …/api/v1/wc/info`, by XHR in both views) and answered, and every file that finishes loading.
 */
import type { JoinProgress, JoinStage } from '../shared/frame-protocol.ts';

const JOIN_REQUEST = '/api/v1/wc/info';

let sdkEvaluated = false;
/** When the current join() was called (performance.now()); -1 before the first. */
let joinStartedAt = -1;
let joinRequestSent = false;
let joinAnswered = false;
let lastArrivalAt = 0;
/** The errorCode of Zoom's own answer to the current join request, when Zoom refused it. */
let zoomRefusal: number | undefined;

export function enterSdkEvaluated(): void {
  sdkEvaluated = true;
}

/** A new join: what the previous one (component view retries in this document) sent and heard no longer counts. */
export function enterJoin(): void {
  joinStartedAt = performance.now();
  joinRequestSent = false;
  joinAnswered = false;
  zoomRefusal = undefined;
}

/**
 * What Zoom itself answered the join request with, when it refused: client view reports some refusals as its
 * generic error 1 (3008 "not started" among them, measured on 6.2.0), so the page can still explain Zoom's reason.
 */
export function zoomRefusalCode(): number | undefined {
  return zoomRefusal;
}

/** Reads the errorCode of a refusal (`{"status":false,"errorCode":3008,…}`); anything else is left alone. */
function recordRefusal(request: XMLHttpRequest): void {
  try {
    const body: unknown = request.responseType === 'json' ? request.response : JSON.parse(request.responseText);
    const answer = body as { status?: unknown; errorCode?: unknown } | null;
    if (answer?.status === false && typeof answer.errorCode === 'number') zoomRefusal = answer.errorCode;
  } catch {
    // Not JSON (or a response type without text): nothing to add to what the SDK reports.
  }
}

function stage(): JoinStage {
  if (!sdkEvaluated) return 'sdk';
  if (joinAnswered) return 'zoom-answered';
  return joinRequestSent ? 'zoom-answer' : 'zoom-files';
}

export function progress(): JoinProgress {
  const now = performance.now();
  return {
    stage: stage(),
    quietMs: now - Math.max(lastArrivalAt, joinStartedAt),
    ...(zoomRefusal === undefined ? {} : { zoomRefusal }),
  };
}

// Sent: the SDK had every file it needed to ask Zoom. The request goes out untouched; only its answer is read.
const open = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
  if (joinStartedAt >= 0 && String(url).includes(JOIN_REQUEST)) {
    joinRequestSent = true;
    // At readyState 4, before `load`/`loadend`, where the SDK's HTTP client reads the answer and calls back.
    this.addEventListener('readystatechange', () => this.readyState === XMLHttpRequest.DONE && recordRefusal(this));
  }
  return Reflect.apply(open, this, [method, url, ...rest]) as void;
};

// Answered (resource timing records a request once its response has arrived, in every engine): what follows, a
// waiting room or the SDK's own wait-for-host page, is Zoom deciding, not Zoom unreachable. Any other file that
// arrives is progress: a slow network is not a dead one.
new PerformanceObserver((list) => {
  for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
    lastArrivalAt = Math.max(lastArrivalAt, entry.responseEnd);
    if (joinStartedAt >= 0 && entry.startTime >= joinStartedAt && entry.name.includes(JOIN_REQUEST))
      joinAnswered = true;
  }
}).observe({ type: 'resource', buffered: true });
