/** Where this frame's join stands (shared/frame-protocol.ts's JoinStage), for the page's deadline. */
import type { JoinStage } from '../shared/frame-protocol.ts';

let current: JoinStage = 'sdk';
/** When the current join() was called: only an answer to a request made since then is this join's. */
let joinCalledAt = 0;

export function stage(): JoinStage {
  return current;
}

export function enterStage(next: JoinStage): void {
  current = next;
  if (next === 'zoom-answer') joinCalledAt = performance.now();
}

// Zoom's answer to the join request (POST /api/v1/wc/info, on whichever web endpoint) ends the page's wait: what
// follows (a waiting room, the SDK's own wait-for-host page) is Zoom deciding, not Zoom unreachable. Resource
// timing records the request once its response has arrived, in every engine, without touching the SDK.
new PerformanceObserver((list) => {
  const answered = list.getEntries().some((entry) => entry.name.includes('/api/v1/wc/info') && entry.startTime >= joinCalledAt);
  if (current === 'zoom-answer' && answered) current = 'zoom-answered';
}).observe({ type: 'resource', buffered: true });
