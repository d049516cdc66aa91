import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { E2E_KEY, E2E_SECRET, PORTS } from './tests/e2e/servers.ts';

// Debian's Chromium where it is installed (CI, offline machines); Playwright's own browser on a laptop.
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

// `netlify dev` runs the real function and serves the production build (`npm run test:e2e` builds it first):
// what users deploy is what is tested, and no dev-server dependency optimisation can reload a page mid-test.
const netlifyDev = (port: number, previewPort: number, env: Record<string, string>) => ({
  command:
    `npx netlify dev --offline --internal-disable-edge-functions --port ${port} ` +
    `--framework '#custom' --command "vite preview --port ${previewPort} --strictPort" --target-port ${previewPort}`,
  // The page answers before the function is loaded; tests wait for the function themselves (fixtures.ts).
  url: `http://localhost:${port}/`,
  reuseExistingServer: false,
  timeout: 120_000,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
  env,
});

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 30_000 },
  fullyParallel: true,
  // The SDK is CPU-heavy (5 MB of JS, 3 MB of CSS, wasm); on 2 cores parallel pages only slow each other down.
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://localhost:${PORTS.signer}`,
    trace: 'retain-on-failure',
    launchOptions: {
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
    },
  },
  webServer: [
    netlifyDev(PORTS.signer, PORTS.signerPreview, { ZOOM_MEETING_SDK_KEY: E2E_KEY, ZOOM_MEETING_SDK_SECRET: E2E_SECRET }),
    // The same app without credentials, as a fresh clone or a half-configured deploy runs it.
    netlifyDev(PORTS.unconfigured, PORTS.unconfiguredPreview, { ZOOM_MEETING_SDK_KEY: '', ZOOM_MEETING_SDK_SECRET: '' }),
  ],
});
