import { defineConfig } from '@playwright/test';
import { launchOptions } from './tests/support/browser.ts';
import {
  E2E_KEY,
  E2E_SECRET,
  E2E_SESSION_SECRET,
  EMBEDDER_ORIGIN,
  EXTERNAL_SIGNER_URL,
  FAKE_ZOOM_URL,
  HOLDS_SIGNER_PORT,
  PORTS,
  SHORT_DEADLINE_SECONDS,
  SHORT_MAX_WAIT_SECONDS,
  netlifyServeCommand,
  prebuiltSiteCommand,
} from './tests/support/servers.ts';

const SIGNER_PORT_LANE = new RegExp(HOLDS_SIGNER_PORT.tag);

const server = (command: string, port: number, env: Record<string, string>) => ({
  command,
  // The page answers before the functions are loaded; tests wait for the functions themselves (fixtures.ts).
  url: `http://localhost:${port}/`,
  reuseExistingServer: false,
  timeout: 180_000,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
  env,
});

export default defineConfig({
  // `npm run test:e2e` runs the e2e project; `npm run screenshots` retakes the README's images (never in npm test,
  // which must leave tracked files alone).
  // Two lanes side by side: much of a join test is waiting (Zoom's 10 s pace, the join deadline, the wait for the
  // host), so one lane's SDK evaluates while the other's page waits. `npm run test:e2e` runs both.
  projects: [
    { name: 'e2e', testDir: 'tests/e2e', grepInvert: SIGNER_PORT_LANE, workers: 1 },
    // The other engines and every test holding the external signer's fixed port, one at a time.
    { name: 'e2e-signer-port', testDir: 'tests/e2e', grep: SIGNER_PORT_LANE, workers: 1 },
    { name: 'screenshots', testDir: 'tests/screenshots' },
  ],
  // A join evaluates 5 MB of SDK; on a loaded 2-core machine that has taken 20 s, so leave room.
  timeout: 90_000,
  expect: { timeout: 45_000 },
  fullyParallel: true,
  // The SDK is CPU-heavy (5 MB of JS, 3 MB of CSS, wasm): one page per lane, two lanes (projects, above).
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://localhost:${PORTS.signer}`,
    trace: 'retain-on-failure',
    launchOptions,
  },
  // Started one after another (Playwright awaits each): two `netlify serve` building at once would collide.
  webServer: [
    // The production build and the bundled functions, as deployed: fully configured, sign-in included ("Zoom" for
    // sign-in is the loopback fake the tests start).
    server(netlifyServeCommand(PORTS.signer), PORTS.signer, {
      BROWSER: 'none',
      ZOOM_MEETING_SDK_KEY: E2E_KEY,
      ZOOM_MEETING_SDK_SECRET: E2E_SECRET,
      SESSION_SECRET: E2E_SESSION_SECRET,
      ZOOM_OAUTH_BASE_URL: FAKE_ZOOM_URL,
      ZOOM_API_BASE_URL: FAKE_ZOOM_URL,
      // Another site on loopback may embed this one (tests/e2e/embed.spec.ts); read by the build, for the headers.
      EMBED_ORIGINS: EMBEDDER_ORIGIN,
    }),
    // The same build without credentials, as a fresh clone or a half-configured deploy runs it. Served from the
    // build above, not built again: a second build would empty dist/ under the first site and cost it its CSP
    // (tests/support/prebuilt-site.ts). Not `netlify dev` either: it would wipe the first site's .netlify/functions-serve.
    server(prebuiltSiteCommand(PORTS.unconfigured), PORTS.unconfigured, {
      BROWSER: 'none',
      ZOOM_MEETING_SDK_KEY: '',
      ZOOM_MEETING_SDK_SECRET: '',
      SESSION_SECRET: '',
    }),
    // The page built to use another backend's signer (VITE_SIGNATURE_URL; that signer runs inside the tests) and to
    // serve the SDK's media files itself (VITE_ZOOM_ASSETS=self): a site that may reach neither our functions
    // nor source.zoom.us.
    server(
      `npx vite build --outDir ../dist-byo --emptyOutDir --logLevel warn && npx vite preview --outDir ../dist-byo --port ${PORTS.byoPage} --strictPort`,
      PORTS.byoPage,
      { VITE_SIGNATURE_URL: EXTERNAL_SIGNER_URL, VITE_ZOOM_ASSETS: 'self' },
    ),
    // A Zoom for Government build: joins go to www.zoomgov.com, the SDK's files come from source.zoomgov.com (both
    // faked at the network edge like zoom.us), signed by the external signer of the tests.
    server(
      `npx vite build --outDir ../dist-zfg --emptyOutDir --logLevel warn && npx vite preview --outDir ../dist-zfg --port ${PORTS.zfgPage} --strictPort`,
      PORTS.zfgPage,
      { VITE_SIGNATURE_URL: EXTERNAL_SIGNER_URL, VITE_ZOOM_WEB_ENDPOINT: 'www.zoomgov.com' },
    ),
    // A build that gives Zoom SHORT_DEADLINE_SECONDS to answer a join (30 by default), for the joins that hang
    // (tests/e2e/engines.spec.ts), and waits SHORT_MAX_WAIT_SECONDS for a host (30 min by default), signed by the
    // external signer of the tests.
    server(
      `npx vite build --outDir ../dist-deadline --emptyOutDir --logLevel warn && npx vite preview --outDir ../dist-deadline --port ${PORTS.shortDeadlinePage} --strictPort`,
      PORTS.shortDeadlinePage,
      {
        VITE_SIGNATURE_URL: EXTERNAL_SIGNER_URL,
        VITE_JOIN_TIMEOUT_SECONDS: String(SHORT_DEADLINE_SECONDS),
        VITE_MAX_WAIT_SECONDS: String(SHORT_MAX_WAIT_SECONDS),
      },
    ),
    // Vite's dev server, as `npm run dev` runs it behind netlify dev: the page and Vite's client under the dev CSP.
    server(`npx vite --port ${PORTS.viteDev} --strictPort`, PORTS.viteDev, {}),
  ],
});
