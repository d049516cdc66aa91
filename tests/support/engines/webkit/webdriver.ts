/**
 * WebKitWebDriver on a loopback port, with the display and the edge proxy in its environment: WebKitGTK ignores the
 * WebDriver `proxy` capability for HTTPS but honours the usual proxy variables, which MiniBrowser inherits.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { WEBKIT_WEBDRIVER } from './binaries.ts';
import { collectOutput } from './child-output.ts';
import { messageOf } from './error-message.ts';
import { stopProcessGroup } from './processes.ts';
import { spawnTracked } from './tracked-children.ts';
import { hasExited, waitUntil } from './waiting.ts';

export interface RunningWebDriver {
  url: string;
  process: ChildProcess;
  /** The driver's (and MiniBrowser's) output so far, for error messages; empty or starting with a newline. */
  output: () => string;
}

export async function startWebKitWebDriver(display: number, proxyPort: number): Promise<RunningWebDriver> {
  const proxy = `http://127.0.0.1:${proxyPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DISPLAY: `:${display}`,
    http_proxy: proxy,
    https_proxy: proxy,
    HTTP_PROXY: proxy,
    HTTPS_PROXY: proxy,
    no_proxy: 'localhost,127.0.0.1,::1',
    NO_PROXY: 'localhost,127.0.0.1,::1',
  };
  // An inherited catch-all proxy would send the browser's traffic off the machine instead of to ours.
  delete env['all_proxy'];
  delete env['ALL_PROXY'];
  let lastError = '';
  // The port is free when asked for, not necessarily when the driver binds it: retry on an early exit.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    // Its own process group, so MiniBrowser and its web and network processes can be found and stopped with it.
    const child = spawnTracked(WEBKIT_WEBDRIVER, [`--port=${port}`, '--host=127.0.0.1'], {
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = collectOutput(child);
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitUntil(() => answersStatus(url), `WebKitWebDriver to answer ${url}/status`, child);
      return { url, process: child, output };
    } catch (error) {
      lastError = `${messageOf(error)}${output()}`;
      const exitedEarly = hasExited(child);
      await stopProcessGroup(child);
      if (!exitedEarly) break;
    }
  }
  throw new Error(`WebKitWebDriver did not start: ${lastError}`);
}

async function answersStatus(url: string): Promise<boolean> {
  const response = await fetch(`${url}/status`, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
  return response?.ok ?? false;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
