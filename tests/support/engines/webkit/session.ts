/** The WebDriver session with MiniBrowser, as an EngineSession. */
import { Builder, type WebDriver } from 'selenium-webdriver';
import type { EngineSession } from '../engine.ts';
import { MINIBROWSER } from './binaries.ts';
import { messageOf } from './error-message.ts';
import { evaluateIn } from './evaluate.ts';
import { stopGroupMembers } from './processes.ts';
import { WAIT_MS, withTimeout } from './waiting.ts';
import type { RunningWebDriver } from './webdriver.ts';

const SCRIPT_TIMEOUT_MS = 60_000;
/** As Playwright's navigations: a page whose load never ends (a `hang` reply to a subresource) fails, not stalls. */
const PAGE_LOAD_TIMEOUT_MS = 60_000;
const QUIT_TIMEOUT_MS = 10_000;

export async function createSession(webDriver: RunningWebDriver): Promise<WebDriver> {
  const capabilities = {
    browserName: 'MiniBrowser',
    acceptInsecureCerts: true,
    pageLoadStrategy: 'normal',
    'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
  };
  try {
    // Not the SELENIUM_* environment variables: this session is always this driver's.
    const building = new Builder()
      .disableEnvironmentOverrides()
      .usingServer(webDriver.url)
      .withCapabilities(capabilities)
      .build();
    // The driver waits for ever for a browser that dies before it connects back (a broken binary, no display).
    const driver = await withTimeout(Promise.resolve(building), WAIT_MS, 'MiniBrowser to connect to WebKitWebDriver');
    await withTimeout(
      driver.manage().setTimeouts({ script: SCRIPT_TIMEOUT_MS, pageLoad: PAGE_LOAD_TIMEOUT_MS }),
      WAIT_MS,
      'WebKitWebDriver to set the timeouts',
    );
    return driver;
  } catch (error) {
    throw new Error(`WebKitWebDriver could not open a MiniBrowser session: ${messageOf(error)}${webDriver.output()}`);
  }
}

export async function sessionOf(driver: WebDriver, teardown: () => Promise<void>): Promise<EngineSession> {
  const version = await browserVersion(driver);
  let closing: Promise<void> | undefined;
  return {
    engine: 'webkit',
    version,
    goto: async (url) => {
      await driver.get(url);
    },
    evaluate: (expression) => evaluateIn(driver, expression),
    close: () => (closing ??= teardown()),
  };
}

/** "WebKitGTK 2.50.6": the capabilities carry the WebKitGTK release; the user agent only a frozen Safari-like one. */
async function browserVersion(driver: WebDriver): Promise<string> {
  const capabilities = await driver.getCapabilities();
  const release: unknown = capabilities.get('browserVersion');
  if (typeof release === 'string' && release !== '') return `WebKitGTK ${release}`;
  const userAgent = await driver.executeScript<unknown>('return navigator.userAgent');
  return typeof userAgent === 'string' ? userAgent : 'WebKitGTK';
}

/**
 * Ends the session once MiniBrowser's web and network processes are gone: quitting makes MiniBrowser exit without
 * waiting for them, and they would outlive it as orphans (stopProcessGroup says why that matters).
 */
export async function quitSession(driver: WebDriver, webDriver: RunningWebDriver): Promise<void> {
  const leader = webDriver.process.pid;
  if (leader !== undefined) await stopGroupMembers(leader, 2);
  await withTimeout(driver.quit(), QUIT_TIMEOUT_MS, 'the session to quit').catch(() => undefined);
}
