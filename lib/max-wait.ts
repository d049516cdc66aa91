/**
 * How long the page keeps waiting, and trying again by itself, after Zoom refuses a join with a code that can pass
 * on its own ("the meeting has not started", "Zoom is busy": lib/errors/join-errors.ts decides per code). Zoom's own
 * apps wait until the host starts; a page left open in a tab should not try for ever, so the build bounds it: 30
 * minutes unless VITE_MAX_WAIT_SECONDS says otherwise, 0 to explain every refusal at once.
 */
import { secondsSetting, type SecondsSetting } from './seconds-setting.ts';

export function maxWait(raw: string | undefined): SecondsSetting {
  return secondsSetting('VITE_MAX_WAIT_SECONDS', raw, {
    fallback: 1800,
    min: 30,
    max: 14_400,
    zero: 'to explain every refusal at once',
  });
}
