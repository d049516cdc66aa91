/** Process groups as /proc shows them: who is in one, who is whose parent, who is only a zombie. */
import { readdirSync, readFileSync } from 'node:fs';

interface ProcessInfo {
  pid: number;
  ppid: number;
}

/** The live (not zombie) processes of a process group. */
export function liveGroupMembers(pgid: number): ProcessInfo[] {
  const members: ProcessInfo[] = [];
  for (const entry of safeReaddir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = procStatFields(Number(entry));
    if (fields && fields.pgrp === pgid && fields.state !== 'Z' && fields.state !== 'X') {
      members.push({ pid: Number(entry), ppid: fields.ppid });
    }
  }
  return members;
}

/** Generations below the leader (1 for its children); members whose parent left the group count as children. */
export function depthsBelow(leader: number, members: ProcessInfo[]): Map<number, number> {
  const parentOf = new Map(members.map(({ pid, ppid }) => [pid, ppid]));
  const depths = new Map<number, number>();
  for (const { pid } of members) {
    let depth = 0;
    for (let at: number | undefined = pid; at !== undefined && at !== leader && depth <= members.length; depth++) {
      at = parentOf.get(at);
    }
    depths.set(pid, pid === leader ? 0 : Math.max(depth, 1));
  }
  return depths;
}

/** Null once the process is gone for good: exited and reaped by its parent (a zombie still has its entry). */
export function procStatFields(pid: number): { state: string; ppid: number; pgrp: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may itself hold spaces and parentheses: the fields start after the last ')'.
    const [state = '', ppid = '', pgrp = ''] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state, ppid: Number(ppid), pgrp: Number(pgrp) };
  } catch {
    return null;
  }
}

function safeReaddir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
