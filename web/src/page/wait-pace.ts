/** When the next try is due while the page waits out a refusal that can pass (lib/errors/join-errors.ts's Retry). */
import type { Retry } from '../../../lib/errors/join-errors.ts';

/**
 * A hidden tab keeps trying rather than stopping (the person may be back any moment, and the meeting may start
 * meanwhile), but no more often than this: nobody is watching, and browsers throttle hidden tabs' timers anyway.
 */
const HIDDEN_PACE_SECONDS = 60;

/** Seconds between try number `tries` (1 = the first join) and the next. */
export function secondsBeforeNextTry(retry: Retry, tries: number, hidden: boolean): number {
  const pace = retry.paceSeconds[Math.min(Math.max(tries, 1), retry.paceSeconds.length) - 1] ?? HIDDEN_PACE_SECONDS;
  return hidden ? Math.max(pace, HIDDEN_PACE_SECONDS) : pace;
}

/** "4:05": the time waited, as a person reads it. */
export function formatWaited(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}
