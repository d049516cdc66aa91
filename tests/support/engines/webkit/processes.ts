/** Orderly shutdown: of one child, and of a process group from the leaves up. */
import type { ChildProcess } from 'node:child_process';
import { depthsBelow, liveGroupMembers, procStatFields } from './proc.ts';
import { exitOf, hasExited, waitUntilQuiet } from './waiting.ts';

/** kill(2), where "no such process" means the work is done. */
export function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // ESRCH: already gone.
  }
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (hasExited(child) || child.pid === undefined) return;
  signal(child.pid, 'SIGTERM');
  if (await exitOf(child, 5_000)) return;
  signal(child.pid, 'SIGKILL');
  await exitOf(child, 2_000);
}

/**
 * Stops the process group `leader` leads from the leaves up (for WebKitWebDriver: the web and network processes,
 * then MiniBrowser, then the driver), so that every process dies while its parent lives to reap it. An orphan is
 * re-parented to PID 1, which in a container may reap it late or never: it would linger as a zombie in `pgrep`.
 */
export async function stopProcessGroup(leader: ChildProcess): Promise<void> {
  const pgid = leader.pid;
  if (pgid === undefined) return;
  await stopGroupMembers(pgid, 1);
  await stopProcess(leader);
  // Anything left of the group by now gets no more courtesy.
  signal(-pgid, 'SIGKILL');
}

/**
 * Stops the live members of the group at least `minDepth` generations below its leader, leaves first, each wave
 * waited for until its parents have reaped it.
 */
export async function stopGroupMembers(leader: number, minDepth: number): Promise<void> {
  for (let wave = 0; wave < 6; wave++) {
    const members = liveGroupMembers(leader);
    const depthOf = depthsBelow(leader, members);
    const targets = members.filter(({ pid }) => (depthOf.get(pid) ?? 0) >= minDepth);
    if (targets.length === 0) return;
    const parents = new Set(members.map(({ ppid }) => ppid));
    const leaves = targets.filter(({ pid }) => !parents.has(pid));
    for (const { pid } of leaves) signal(pid, wave < 4 ? 'SIGTERM' : 'SIGKILL');
    await waitUntilQuiet(() => leaves.every(({ pid }) => procStatFields(pid) === null), 2_000);
  }
}
