/**
 * `npm run screenshots`: the README's images, taken through the e2e setup (real page, functions and SDK; Zoom
 * faked at the network edge). Run it when the UI changes and commit the images; `npm test` never writes them.
 */
import { fakeMediaLaunchOptions } from '../support/browser.ts';
import { ZOOM_ANSWERS, expect, fillForm, test } from '../support/fixtures.ts';

// Chromium's fake camera and microphone, allowed, for the browser check's picture (the other pictures use neither).
test.use({
  launchOptions: fakeMediaLaunchOptions,
  permissions: ['camera', 'microphone'],
});

test('the join form', async ({ page }) => {
  await page.setViewportSize({ width: 760, height: 900 });
  await page.goto('/');
  await fillForm(page, {
    meeting: '978 7598 1800',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    passcode: 'pass123',
  });
  await page.getByRole('heading', { name: 'Join a Zoom meeting' }).click();
  await expect(page.getByRole('button', { name: 'Join', exact: true })).toBeEnabled();
  await page.screenshot({ path: 'docs/screenshot.png', fullPage: true });
});

test('a decoded join error with the signature details', async ({ page, zoom }) => {
  zoom.answer = ZOOM_ANSWERS.invalidSignature;
  await page.goto('/');
  await fillForm(page, { meeting: '123456789', name: 'Grace', passcode: 'secret-pass' });
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('error 3712');
  await expect(page.getByRole('button', { name: 'Join', exact: true })).toBeEnabled();
  await page.screenshot({ path: 'docs/screenshot-error.png', fullPage: true });
});

// zoomAccounts: the loopback Zoom OAuth server the sign-in goes to (started only for the tests that ask for it).
test('a host signed in with Zoom, ready to start', async ({ page, zoomAccounts: _zoomAccounts }) => {
  await page.goto('/');
  await fillForm(page, { meeting: '978 7598 1800', name: 'Hanna Host', role: 1 });
  await page.getByRole('link', { name: 'Sign in with Zoom' }).click();
  await expect(page.getByText('Signed in with Zoom as Hanna Host (hanna.host@example.com).')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start meeting' })).toBeEnabled();
  await page.screenshot({ path: 'docs/screenshot-host.png', fullPage: true });
});

test('component view: the meeting inside the page, while Zoom (faked) answers the join', async ({ page }) => {
  // Hold Zoom's answer so the picture shows the meeting region in the page's layout, as a join does.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('https://zoom.us/api/v1/wc/info', async (route) => {
    if (route.request().method() === 'POST') await held;
    await route.fallback();
  });
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto('/');
  await fillForm(page, { meeting: '978 7598 1800', name: 'Ada Lovelace' });
  await page.getByRole('radio', { name: 'Inside this page' }).check();
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.locator('#meeting-region')).toHaveClass(/active/);
  await expect(page.locator('iframe.meeting-frame.component')).toBeVisible();
  // Let the embedded client draw its first state.
  await page.waitForTimeout(3000);
  await page.screenshot({ path: 'docs/screenshot-component-view.png' });
  release();
});

test('check this browser, its findings and the camera preview', async ({ page }) => {
  await page.setViewportSize({ width: 760, height: 900 });
  await page.goto('/');
  await page.getByRole('button', { name: 'Check this browser' }).click();
  await expect(page.locator('#browser-check-results li')).toHaveCount(6);
  await page.getByRole('button', { name: 'Preview camera and microphone' }).click();
  await expect(page.getByRole('button', { name: 'Stop preview' })).toBeVisible();
  await page.locator('#browser-check').screenshot({ path: 'docs/screenshot-browser-check.png' });
});
