/**
 * What a join goes through, for whoever listens beyond the page's own panels: the embed document forwards these to
 * the site that embeds it (web/src/embed-frame/). Explanations only, as the page shows them: never a credential.
 */
import type { Problem } from './show-problem.ts';
import type { MeetingView } from '../shared/frame-protocol.ts';

type JoinEvent =
  | { type: 'joining'; view: MeetingView }
  | { type: 'joined' }
  | { type: 'waiting'; reason: string }
  | { type: 'left' }
  | { type: 'failed'; code: number | null; problem: Problem };

const listeners = new Set<(event: JoinEvent) => void>();

export function onJoinEvent(listener: (event: JoinEvent) => void): void {
  listeners.add(listener);
}

export function emitJoinEvent(event: JoinEvent): void {
  for (const listener of listeners) listener(event);
}
