/**
 * The page's waiting state after a refusal that can pass by itself (the table's Retry: "the meeting has not
 * started", "Zoom is busy"), as Zoom's own apps show "Waiting for the host to start this meeting": the meeting, the
 * time waited, the next try, Cancel, and (for a signed-in user) Start instead. The tab's title carries the state for
 * a person who switched tabs. Between tries nothing runs but a one-second tick.
 */
import type { Explanation } from '../../../lib/explanation.ts';
import type { Retry } from '../../../lib/errors/join-errors.ts';
import { maxWait } from '../../../lib/max-wait.ts';
import { byId } from './dom.ts';
import { showStatus } from './show-problem.ts';
import { formatWaited, secondsBeforeNextTry } from './wait-pace.ts';

const configured = maxWait(import.meta.env.VITE_MAX_WAIT_SECONDS);
// vite.config.ts refuses to build with a value it does not accept, so a built page never takes the default here.
export const MAX_WAIT_SECONDS = configured.ok
  ? configured.seconds
  : (maxWait(undefined) as { seconds: number }).seconds;
/** By then a meeting that "has started" is more likely another meeting than a late host: say what else it can be. */
const STILL_REFUSED_AFTER_TRIES = 3;

const PAGE_TITLE = document.title;

/** The tab's title: the page's own, prefixed with where the join stands. */
export function showStateInTitle(state: string | null): void {
  document.title = state ? `${state} · ${PAGE_TITLE}` : PAGE_TITLE;
}

/** How a wait between two tries ends. */
type WaitEnd = 'try' | 'cancel' | 'start-as-host' | 'expired';

export class HostWait {
  private readonly startedAt = Date.now();
  private tries = 0;

  /** `offerStart`: whether to offer starting the meeting instead (a signed-in user joining as attendee). */
  constructor(
    private readonly meetingNumber: string,
    private readonly offerStart: Promise<boolean>,
  ) {}

  /**
   * Try number `tries` was refused with `retry`: shows the state until the next try is due at the table's pace,
   * the person cancels or starts the meeting instead, or the build's maximum wait is over. `pageCheck` is the
   * page's own line for "what else it can be".
   */
  afterRefusal(retry: Retry, pageCheck: string): Promise<WaitEnd> {
    this.tries += 1;
    const triedAt = Date.now();
    const state = `Waiting for ${retry.waitingFor}`;
    byId('waiting-title').textContent = state;
    byId('waiting').hidden = false;
    showStateInTitle(state);
    if (this.tries === 1) showStatus(`${state}: the page tries again by itself and joins as soon as it can.`);
    if (this.tries >= STILL_REFUSED_AFTER_TRIES) this.showStillRefused(retry, pageCheck);
    void this.offerStart.then((offer) => (byId('waiting-start').hidden = !offer));
    const progress = byId('waiting-progress');
    return new Promise((resolve) => {
      const cancel = byId('waiting-cancel');
      const start = byId('waiting-start');
      const finish = (end: WaitEnd) => {
        clearInterval(timer);
        cancel.removeEventListener('click', onCancel);
        start.removeEventListener('click', onStart);
        document.removeEventListener('visibilitychange', tick);
        if (end === 'try') progress.textContent = `${this.summary()} · trying again now`;
        resolve(end);
      };
      const onCancel = () => finish('cancel');
      const onStart = () => finish('start-as-host');
      const tick = () => {
        const now = Date.now();
        if (now - this.startedAt >= MAX_WAIT_SECONDS * 1000) return finish('expired');
        // Recomputed every tick: a tab hidden or shown meanwhile takes its pace from then on.
        const due = triedAt + secondsBeforeNextTry(retry, this.tries, document.hidden) * 1000;
        if (now >= due) return finish('try');
        progress.textContent = `${this.summary()} · next try in ${Math.ceil((due - now) / 1000)} s`;
      };
      cancel.addEventListener('click', onCancel);
      start.addEventListener('click', onStart);
      document.addEventListener('visibilitychange', tick);
      const timer = setInterval(tick, 1000);
      tick();
    });
  }

  private summary(): string {
    const tries = `${this.tries} ${this.tries === 1 ? 'try' : 'tries'}`;
    return `Meeting ${this.meetingNumber} · waited ${formatWaited(Date.now() - this.startedAt)} · ${tries}`;
  }

  private showStillRefused(retry: Retry, pageCheck: string): void {
    byId('waiting-still-intro').textContent =
      `Still refused after ${this.tries} tries. If it should have worked by now:`;
    byId('waiting-reasons').replaceChildren(
      ...[...retry.stillRefused, pageCheck].map((line) => {
        const item = document.createElement('li');
        item.textContent = line;
        return item;
      }),
    );
    byId('waiting-still').hidden = false;
  }

  /** The explanation when the maximum wait is over: the table's entry, and everything else it can be. */
  gaveUp(code: number, info: Explanation, retry: Retry, pageCheck: string): Explanation & { title: string } {
    return {
      title: `Waited ${formatWaited(Date.now() - this.startedAt)} (${this.tries} tries, the most this site waits): Zoom still answers error ${code}`,
      meaning: info.meaning,
      cause: [info.cause, 'Or:', ...retry.stillRefused, pageCheck].join(' '),
      fix: retry.fixAfterWait,
    };
  }

  /** Leaves the waiting state; the title says whether the meeting was joined. */
  end(joined: boolean): void {
    byId('waiting').hidden = true;
    byId('waiting-still').hidden = true;
    byId('waiting-start').hidden = true;
    showStateInTitle(joined ? 'In the meeting' : null);
  }
}
