/** An Xvfb display of the launch's own, for MiniBrowser to draw on. */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { INSTALL_HINT, XVFB } from './binaries.ts';
import { collectOutput } from './child-output.ts';
import { messageOf } from './error-message.ts';
import { stopProcess } from './processes.ts';
import { spawnTracked } from './tracked-children.ts';
import { hasExited, waitUntil } from './waiting.ts';

interface Display {
  number: number;
  process: ChildProcess;
}

export async function startXvfb(): Promise<Display> {
  const errors: string[] = [];
  // Another test worker may take the same free-looking display between the check and Xvfb's lock: try the next.
  for (let attempt = 0; attempt < 10; attempt++) {
    const number = freeDisplayNumber();
    const xvfb = spawnTracked(XVFB, [`:${number}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const output = collectOutput(xvfb);
    try {
      await waitUntil(() => existsSync(displaySocket(number)), `Xvfb :${number} to open its socket`, xvfb);
      return { number, process: xvfb };
    } catch (error) {
      const exitedEarly = hasExited(xvfb);
      await stopProcess(xvfb);
      errors.push(`${messageOf(error)}${output()}`);
      if (!exitedEarly) break;
    }
  }
  throw new Error(`Xvfb did not start (${INSTALL_HINT}):\n${errors.join('\n')}`);
}

function displaySocket(number: number): string {
  return `/tmp/.X11-unix/X${number}`;
}

function freeDisplayNumber(): number {
  // A random start, so parallel launches seldom race for the same number.
  const start = 100 + Math.floor(Math.random() * 800);
  for (let offset = 0; offset < 800; offset++) {
    const number = 100 + ((start - 100 + offset) % 800);
    if (!existsSync(displaySocket(number)) && !existsSync(`/tmp/.X${number}-lock`)) return number;
  }
  throw new Error('No free X display between :100 and :899');
}
