import { test as base, expect, type Page } from '@playwright/test';
import { FakeZoom } from '../fake-zoom/server.ts';
import { E2E_KEY, E2E_REDIRECT_URI, E2E_SECRET, PORTS, waitForSignatureFunction } from './servers.ts';
import { ZoomCloud } from './zoom-cloud.ts';

export { ZOOM_ANSWERS } from './zoom-cloud.ts';

async function waitForFunction(port: number): Promise<void> {
  if (!(await waitForSignatureFunction(port, 60_000))) {
    throw new Error(`The signature function on port ${port} did not load within 60 s`);
  }
}

/** The sites and Zoom's OAuth fake, without a Playwright page (tests that drive other engines build on this). */
export const sitesTest = base.extend<{ zoomAccounts: FakeZoom }, { functionsReady: void; fakeZoom: FakeZoom }>({
  // Zoom's OAuth server and REST API for sign-in, reached by our functions (server side) and by the browser's
  // redirects; it listens on loopback for the whole worker.
  fakeZoom: [
    async ({}, use) => {
      const fake = new FakeZoom({ clientId: E2E_KEY, clientSecret: E2E_SECRET, redirectUri: E2E_REDIRECT_URI });
      await fake.start(PORTS.fakeZoom);
      await use(fake);
      await fake.stop();
    },
    { scope: 'worker' },
  ],
  zoomAccounts: async ({ fakeZoom }, use) => {
    fakeZoom.reset();
    await use(fakeZoom);
  },
  functionsReady: [
    async ({}, use) => {
      await Promise.all([waitForFunction(PORTS.signer), waitForFunction(PORTS.unconfigured)]);
      await use();
    },
    { scope: 'worker', auto: true },
  ],
});

export const test = sitesTest.extend<{ zoom: ZoomCloud }>({
  // Automatic: no page in these tests may reach the real Zoom (or anything off this machine).
  zoom: [
    async ({ page }, use) => {
      const zoom = new ZoomCloud(page);
      await zoom.install();
      await use(zoom);
    },
    { auto: true },
  ],
});

export { expect };

interface FormInput {
  meeting: string;
  name: string;
  passcode?: string;
  email?: string;
  role?: 0 | 1;
  /** A pasted host ZAK (under More options); starting as host needs one, or a Zoom sign-in. */
  zak?: string;
}

export async function fillForm(page: Page, input: FormInput): Promise<void> {
  await page.getByLabel('Meeting number or invite link').fill(input.meeting);
  if (input.passcode !== undefined) await page.getByLabel('Passcode').fill(input.passcode);
  await page.getByLabel('Your name').fill(input.name);
  if (input.email !== undefined) await page.getByLabel(/^Email/).fill(input.email);
  await page.getByRole('radio', { name: input.role === 1 ? /^Host/ : /^Attendee/ }).check();
  if (input.zak !== undefined) {
    await page.getByText('More options', { exact: true }).click();
    await page.getByLabel('Host ZAK token').fill(input.zak);
  }
}
