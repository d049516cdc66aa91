/**
 * How long the page lets a join go without anything arriving from Zoom before it ends the attempt with an
 * explanation (a firewall that drops source.zoom.us, a file that never arrives, a wc/info request that never returns:
 * in client view the SDK itself then waits for minutes). Counted once the SDK bundle is evaluated, so a slow computer
 * is never mistaken for an unreachable Zoom, and from the last file that arrived, so a slow network is not either;
 * it ends with Zoom's answer to the join. Build-time setting VITE_JOIN_TIMEOUT_SECONDS.
 */
const JOIN_TIMEOUT_VAR = 'VITE_JOIN_TIMEOUT_SECONDS';
const DEFAULT_SECONDS = 30;
const MIN_SECONDS = 5;
const MAX_SECONDS = 600;

type JoinTimeout = { ok: true; seconds: number } | { ok: false; message: string };

export function joinTimeout(raw: string | undefined): JoinTimeout {
  if (raw === undefined || raw.trim() === '') return { ok: true, seconds: DEFAULT_SECONDS };
  const seconds = Number(raw.trim());
  if (Number.isInteger(seconds) && seconds >= MIN_SECONDS && seconds <= MAX_SECONDS) return { ok: true, seconds };
  return {
    ok: false,
    message: `${JOIN_TIMEOUT_VAR} is "${raw}": set a whole number of seconds from ${MIN_SECONDS} to ${MAX_SECONDS}, or leave it unset for ${DEFAULT_SECONDS}.`,
  };
}
