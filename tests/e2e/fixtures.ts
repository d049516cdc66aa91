import { test as base, expect, type Page } from '@playwright/test';
import { PORTS, waitForSignatureFunction } from './servers.ts';
import { ZoomCloud } from './zoom-cloud.ts';

export { ZOOM_ANSWERS } from './zoom-cloud.ts';

async function waitForFunction(port: number): Promise<void> {
  if (!(await waitForSignatureFunction(port, 60_000))) {
    throw new Error(`The signature function on port ${port} did not load within 60 s`);
  }
}

export const test = base.extend<{ zoom: ZoomCloud }, { functionsReady: void }>({
  functionsReady: [
    async ({}, use) => {
      await Promise.all([waitForFunction(PORTS.signer), waitForFunction(PORTS.unconfigured)]);
      await use();
    },
    { scope: 'worker', auto: true },
  ],
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

export interface FormInput {
  meeting: string;
  name: string;
  passcode?: string;
  email?: string;
  role?: 0 | 1;
}

export async function fillForm(page: Page, input: FormInput): Promise<void> {
  await page.getByLabel('Meeting number or invite link').fill(input.meeting);
  if (input.passcode !== undefined) await page.getByLabel('Passcode').fill(input.passcode);
  await page.getByLabel('Your name').fill(input.name);
  if (input.email !== undefined) await page.getByLabel(/^Email/).fill(input.email);
  await page.getByRole('radio', { name: input.role === 1 ? /^Host/ : /^Attendee/ }).check();
}
