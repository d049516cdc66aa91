/** Waiting for children and for conditions, always with a deadline: a launch that cannot finish fails, not stalls. */
import type { ChildProcess } from 'node:child_process';

/** How long a child gets to come up (a socket, a status answer, a browser connecting back). */
export const WAIT_MS = 30_000;
const POLL_MS = 50;

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null || child.pid === undefined;
}

/** Whether `child` exited within `timeoutMs`. */
export function exitOf(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Polls `check`; gives up at once should `child`, which was to make it true, exit. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: string,
  child?: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (await check()) return;
    if (child && hasExited(child)) {
      const how = child.exitCode ?? child.signalCode ?? 'did not start';
      throw new Error(`Gave up waiting for ${what}: ${child.spawnfile} exited (${how})`);
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${WAIT_MS / 1000} s waiting for ${what}`);
    await sleep(POLL_MS);
  }
}

/** As waitUntil, for a clean-up step: a timeout is no error, the caller moves on to harsher means. */
export async function waitUntilQuiet(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await sleep(POLL_MS);
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms / 1000} s waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
