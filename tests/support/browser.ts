import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { LaunchOptions } from '@playwright/test';

const require = createRequire(import.meta.url);

// Debian's Chromium where it is installed (CI, offline machines); Playwright's own browser on a laptop.
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

export const launchOptions: LaunchOptions = {
  ...(systemChromium ? { executablePath: systemChromium } : {}),
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** Chromium with its fake camera and microphone (a test pattern and a beep), for the browser check and its preview. */
export const fakeMediaLaunchOptions: LaunchOptions = {
  ...launchOptions,
  args: [...(launchOptions.args ?? []), '--use-fake-device-for-media-stream'],
};

/**
 * Chromium as browsers ship it for frames on another site: storage partitioned, not denied. Playwright turns
 * third-party storage partitioning off (one of its --disable-features), and that Chromium then gives a cross-site
 * frame no sessionStorage at all, which the SDK reads: every embedded join would fail before reaching Zoom. Its own
 * list is replaced by the same list without that feature (read from the installed Playwright, so an upgrade that
 * changes the list fails here, by name, rather than quietly testing something else).
 */
export function partitionedStorageLaunchOptions(): LaunchOptions {
  const source = readFileSync(require.resolve('playwright-core/lib/coreBundle'), 'utf8');
  const list = /disabledFeatures = \[([\s\S]*?)\]\.filter\(Boolean\)/.exec(source)?.[1];
  const features = [...(list ?? '').matchAll(/^\s*"([A-Za-z]+)"/gm)].map((match) => match[1]!);
  if (!features.includes(PARTITIONING))
    throw new Error(`Playwright's --disable-features no longer lists ${PARTITIONING}: update tests/support/browser.ts`);
  return {
    ...launchOptions,
    ignoreDefaultArgs: [`--disable-features=${features.join(',')}`],
    args: [
      ...(launchOptions.args ?? []),
      `--disable-features=${features.filter((feature) => feature !== PARTITIONING).join(',')}`,
    ],
  };
}
const PARTITIONING = 'ThirdPartyStoragePartitioning';
