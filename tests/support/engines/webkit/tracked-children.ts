/**
 * The children a launch starts, ended with the test process however it ends. A worker that exits without closing its
 * sessions kills them outright; one stopped by SIGTERM or SIGINT (a runner's timeout, Ctrl-C) stops them in order
 * first, then dies of the signal as it would have: without a handler, a signal ends Node at once, 'exit' never fires,
 * and Xvfb, WebKitWebDriver and MiniBrowser would outlive it.
 *
 * The hooks are on `process` only while a child runs, one of each however many launches came before.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { signal, stopProcess, stopProcessGroup } from './processes.ts';
import { withTimeout } from './waiting.ts';

/** What an orderly stop on a signal may take before the rest is killed: the runner may follow up with SIGKILL. */
const SIGNAL_GRACE_MS = 5_000;
const FATAL_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** Children still running, with whether each leads its own process group. */
const running = new Map<ChildProcess, boolean>();

/**
 * Idle: no hooks. Armed: a signal starts an orderly stop. Stopping: a repeated signal (Ctrl-C pressed again, a runner
 * signalling the whole group) waits for the stop under way, which SIGNAL_GRACE_MS bounds: dying at once would leave
 * the children, killed with no parent left to reap them, to PID 1, as zombies in `pgrep`.
 */
let state: 'idle' | 'armed' | 'stopping' = 'idle';

export function spawnTracked(command: string, args: string[], options: SpawnOptions): ChildProcess {
  // A launch halfway through retries when its child dies; during a stop on a signal it must not start another.
  if (state === 'stopping') throw new Error(`Not starting ${command}: the process is stopping on a signal`);
  if (state === 'idle') hook('armed');
  const child = spawn(command, args, options);
  running.set(child, options.detached === true);
  const untrack = (): void => {
    running.delete(child);
    if (running.size === 0 && state === 'armed') hook('idle');
  };
  child.once('exit', untrack);
  // A missing or unrunnable binary: reported through hasExited() and the waits, not as an unhandled 'error'.
  child.once('error', untrack);
  return child;
}

function hook(next: typeof state): void {
  for (const name of FATAL_SIGNALS) {
    process.off(name, stopOnSignal);
    process.off(name, awaitStop);
  }
  process.off('exit', killAll);
  state = next;
  if (next === 'idle') return;
  // 'exit' comes too late for anything but SIGKILL: no more events run.
  process.once('exit', killAll);
  for (const name of FATAL_SIGNALS) {
    if (next === 'armed') process.once(name, stopOnSignal);
    else process.on(name, awaitStop);
  }
}

function stopOnSignal(name: NodeJS.Signals): void {
  hook('stopping');
  // The driver's group first, as a session's close does: MiniBrowser goes before the display it draws on.
  const groups = [...running].filter(([, leadsGroup]) => leadsGroup).map(([child]) => child);
  const others = [...running].filter(([, leadsGroup]) => !leadsGroup).map(([child]) => child);
  const stopping = Promise.all(groups.map(stopProcessGroup)).then(() => Promise.all(others.map(stopProcess)));
  void withTimeout(stopping, SIGNAL_GRACE_MS, 'the WebKit processes to stop')
    .catch(() => undefined)
    .then(() => finish(name));
}

function awaitStop(): void {
  // Nothing to do: being a listener keeps the signal's default action from ending the process mid-stop.
}

/** Kills what is left of the children and passes the signal on. */
function finish(name: NodeJS.Signals): void {
  killAll();
  hook('idle');
  if (process.listenerCount(name) === 0) {
    // With no listener left the default action applies again: the process dies of the signal, as it was meant to.
    process.kill(process.pid, name);
    return;
  }
  // Another listener (a test runner's worker) owns this signal: it decides whether and when the process ends. Until
  // then the killed children, not yet reaped, stay tracked, and a later launch may start more.
  if (running.size > 0) hook('armed');
}

function killAll(): void {
  for (const [child, leadsGroup] of running) {
    if (child.pid !== undefined) signal(leadsGroup ? -child.pid : child.pid, 'SIGKILL');
  }
}
