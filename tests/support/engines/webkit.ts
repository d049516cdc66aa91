/**
 * WebKit (Safari's engine) as WebKitGTK's MiniBrowser, driven through classic WebDriver (WebKitWebDriver), on its
 * own Xvfb display. Nothing leaves the machine: the browser's proxy is a server here that terminates TLS for every
 * host with a self-signed certificate (the session accepts insecure certificates) and answers with the edge handler.
 *
 * WebKitGTK ignores the WebDriver `proxy` capability for HTTPS but honours the usual proxy environment variables, so
 * the proxy is set on the driver's environment, which MiniBrowser inherits.
 *
 * The parts are in ./webkit/: the display, the driver, the session, the edge proxy and its certificate, and the
 * processes, which end with the test process even when it is killed by SIGTERM or SIGINT.
 */

import { existsSync } from 'node:fs';
import type { EdgeHandler, EngineSession } from './engine.ts';
import { INSTALL_HINT, REQUIRED_BINARIES } from './webkit/binaries.ts';
import { startXvfb } from './webkit/display.ts';
import { edgeCredentials } from './webkit/edge-certificate.ts';
import { startEdgeProxy } from './webkit/edge-proxy.ts';
import { stopProcess, stopProcessGroup } from './webkit/processes.ts';
import { createSession, quitSession, sessionOf } from './webkit/session.ts';
import { startWebKitWebDriver } from './webkit/webdriver.ts';

export function webkitAvailable(): boolean {
  return REQUIRED_BINARIES.every(({ path }) => existsSync(path));
}

export async function launchWebKit(edge: EdgeHandler): Promise<EngineSession> {
  const missing = REQUIRED_BINARIES.filter(({ path }) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(`${missing.map(({ name, path }) => `${name} (${path})`).join(', ')} not found: ${INSTALL_HINT}`);
  }
  // Torn down in reverse, whether the launch fails halfway or the session closes.
  const teardown: Array<() => Promise<void>> = [];
  try {
    const display = await startXvfb();
    teardown.push(() => stopProcess(display.process));
    const proxy = await startEdgeProxy(edge, await edgeCredentials());
    teardown.push(() => proxy.close());
    const webDriver = await startWebKitWebDriver(display.number, proxy.port);
    teardown.push(() => stopProcessGroup(webDriver.process));
    const driver = await createSession(webDriver);
    teardown.push(() => quitSession(driver, webDriver));
    return await sessionOf(driver, () => runTeardown(teardown));
  } catch (error) {
    await runTeardown(teardown);
    throw error;
  }
}

async function runTeardown(steps: Array<() => Promise<void>>): Promise<void> {
  for (const step of steps.splice(0).reverse()) {
    await step().catch(() => undefined);
  }
}
