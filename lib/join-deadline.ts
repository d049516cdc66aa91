/**
 * How long the page lets a join go without anything arriving from Zoom before it ends the attempt with an
 * explanation (a firewall that drops source.zoom.us, a file that never arrives, a wc/info request that never returns:
 * in client view the SDK itself then waits for minutes). Counted once the SDK bundle is evaluated, so a slow computer
 * is never mistaken for an unreachable Zoom, and from the last file that arrived, so a slow network is not either;
 * it ends with Zoom's answer to the join. Build-time setting VITE_JOIN_TIMEOUT_SECONDS.
 */
import { secondsSetting, type SecondsSetting } from './seconds-setting.ts';

export function joinTimeout(raw: string | undefined): SecondsSetting {
  return secondsSetting('VITE_JOIN_TIMEOUT_SECONDS', raw, { fallback: 30, min: 5, max: 600 });
}
