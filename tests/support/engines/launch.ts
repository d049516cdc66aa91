/**
 * Which build of each engine the cross-engine specs drive: Debian's browsers where they are installed (CI, offline
 * machines: nothing else can be had there), else Playwright's own builds (`npx playwright install firefox webkit`
 * on a laptop), driven through Playwright like Chromium.
 */
import { existsSync } from 'node:fs';
import { firefox, webkit, type BrowserType } from '@playwright/test';
import { launchChromium, launchPlaywright } from './chromium.ts';
import type { EdgeHandler, EngineName, EngineSession } from './engine.ts';
import { firefoxAvailable, launchFirefox } from './firefox.ts';
import { launchWebKit, webkitAvailable } from './webkit.ts';

interface Launcher {
  /** What runs, for test titles and skip reasons. */
  build: string;
  launch(edge: EdgeHandler): Promise<EngineSession>;
}

function playwrightBuild(engine: EngineName, type: BrowserType): Launcher | undefined {
  let path: string;
  try {
    path = type.executablePath();
  } catch {
    return undefined;
  }
  if (!existsSync(path)) return undefined;
  return { build: `Playwright's ${engine}`, launch: (edge) => launchPlaywright(engine, type, edge) };
}

/** The launcher for `engine`, or undefined when neither Debian's nor Playwright's build is installed. */
export function launcherFor(engine: EngineName): Launcher | undefined {
  switch (engine) {
    case 'chromium':
      return { build: 'Chromium', launch: launchChromium };
    case 'firefox':
      return firefoxAvailable()
        ? { build: "Debian's firefox-esr (WebDriver BiDi)", launch: launchFirefox }
        : playwrightBuild(engine, firefox);
    case 'webkit':
      return webkitAvailable()
        ? { build: "Debian's WebKitGTK MiniBrowser (WebDriver)", launch: launchWebKit }
        : playwrightBuild(engine, webkit);
  }
}
