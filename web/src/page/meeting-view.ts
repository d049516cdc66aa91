import type { MeetingView } from '../shared/frame-protocol.ts';

/**
 * Zoom supports component view in desktop browsers; a phone (a touch-first device, or a phone's user agent) gets
 * client view, the whole window, which the SDK lays out for small screens.
 */
export function isPhone(
  userAgent = navigator.userAgent,
  matches = (query: string) => matchMedia(query).matches,
): boolean {
  if (/iPhone|iPod|Android.+Mobile|Windows Phone|Mobile.+Firefox|\bMobi\b/i.test(userAgent)) return true;
  return matches('(pointer: coarse)') && !matches('(pointer: fine)') && matches('(max-width: 820px)');
}

/** The view a join really uses: the chosen one, except component view on a phone. */
export function effectiveView(chosen: MeetingView, phone = isPhone()): MeetingView {
  return chosen === 'component' && phone ? 'client' : chosen;
}

const PHONE_FALLBACK_NOTE =
  'On a phone the meeting opens in the full window: Zoom supports “inside this page” (component view) in desktop ' +
  'browsers only.';
const DEFAULT_HINT = 'Inside this page keeps this page around the meeting (desktop browsers).';

/** Says under the choice when a phone will open the meeting in the full window instead. */
export function describeViewChoice(hint: HTMLElement, chosen: MeetingView, phone = isPhone()): void {
  const fallback = chosen === 'component' && phone;
  hint.textContent = fallback ? PHONE_FALLBACK_NOTE : DEFAULT_HINT;
  hint.classList.toggle('warning', fallback);
}
