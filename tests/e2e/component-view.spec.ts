/**
 * Component view ("Open the meeting: inside this page"): the real embedded SDK (`@zoom/meetingsdk/embedded`) in a
 * frame placed in the page's own layout, with our page and functions under netlify serve and Zoom's cloud faked at
 * the network edge (tests/support/zoom-cloud.ts; the embedded bundle calls the same wc/info).
 */
import { jwtVerify } from 'jose';
import type { Page } from '@playwright/test';
import { E2E_KEY, E2E_SECRET } from '../support/servers.ts';
import { ZOOM_ANSWERS, expect, fillForm, test } from '../support/fixtures.ts';

const secret = new TextEncoder().encode(E2E_SECRET);
const componentFrame = (page: Page) => page.locator('#meeting-region iframe.meeting-frame.component');

/** Every script the page and its frames fetch from this site: which SDK was loaded, and when. */
function sdkScripts(page: Page): string[] {
  const scripts: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.hostname === 'localhost' && /\/(meeting-component|embedded|meetingsdk)[-.][^/]*$/.test(url.pathname))
      scripts.push(url.pathname);
  });
  return scripts;
}

async function chooseInsideThisPage(page: Page): Promise<void> {
  await page.getByRole('radio', { name: 'Inside this page' }).check();
}

test('attendee: the meeting opens inside the page, Zoom gets the function’s signature, and a refusal is explained', async ({
  page,
  zoom,
}) => {
  await page.goto('/');
  await fillForm(page, {
    meeting: '978-759-8180',
    passcode: 'pass123',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
  });
  await chooseInsideThisPage(page);
  const signerCall = page.waitForResponse((res) => res.url().endsWith('/api/signature'));
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  const { signature } = (await (await signerCall).json()) as { signature: string };

  await expect.poll(() => zoom.wcInfoRequests.length).toBe(1);
  const sent = zoom.lastJoin();
  expect(sent.get('signature')).toBe(signature);
  expect(sent.get('meetingNumber')).toBe('9787598180');
  expect(sent.get('userName')).toBe('Ada Lovelace');
  expect(sent.get('userEmail')).toBe('ada@example.com');
  expect(sent.get('passWord')).toBe('pass123');
  expect(sent.get('zsk')).toBeFalsy();
  const { payload } = await jwtVerify(signature, secret, { algorithms: ['HS256'] });
  expect(payload).toMatchObject({ appKey: E2E_KEY, mn: '9787598180', role: 0 });

  // The embedded client rejected join() with { type, reason, errorCode }: decoded with the same table.
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('error 3004');
  await expect(alert).toContainText('The meeting passcode is wrong.');
  await expect(alert).toContainText('paste the whole invite link');
  // The page is still there: heading, form and fields; the meeting region collapsed again, its frame kept warm.
  await expect(page.getByRole('heading', { name: 'Join a Zoom meeting' })).toBeVisible();
  await expect(page.getByLabel('Meeting number or invite link')).toHaveValue('978-759-8180');
  await expect(page.getByRole('button', { name: 'Join', exact: true })).toBeEnabled();
  await expect(page.locator('#meeting-region')).not.toHaveClass(/active/);
  await expect(componentFrame(page)).toHaveCount(1);
  // Only component view's SDK ran: no client-view frame, nothing covering the window.
  await expect(page.locator('iframe.meeting-frame:not(.component)')).toHaveCount(0);
  expect(zoom.refused).toEqual([]);
});

test('while joining, the meeting sits in a resizable region of the page, below the page’s own heading', async ({
  page,
  zoom,
}) => {
  // Zoom (faked) holds the answer: the region is shown while the embedded client waits for it.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('https://zoom.us/api/v1/wc/info', async (route) => {
    if (route.request().method() === 'POST') await held;
    await route.fallback();
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  await fillForm(page, { meeting: '123456789', name: 'Grace' });
  await chooseInsideThisPage(page);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  const region = page.locator('#meeting-region');
  await expect(region).toHaveClass(/active/);
  await expect(componentFrame(page)).toBeVisible();
  const box = (await region.boundingBox())!;
  const heading = (await page.getByRole('heading', { name: 'Join a Zoom meeting' }).boundingBox())!;
  expect(box.y).toBeGreaterThan(heading.y + heading.height - 1);
  expect(box.width).toBeGreaterThan(900);
  expect(box.width).toBeLessThan(1280);
  expect(box.height).toBeGreaterThan(400);
  expect(await region.evaluate((element) => getComputedStyle(element).resize)).toBe('both');
  release();
  await expect(page.getByRole('alert')).toContainText('error 3004');
  expect(zoom.wcInfoRequests).toHaveLength(1);
});

test('host: sign in with Zoom, Start inside the page, and Zoom gets the ZAK with a role-1 signature', async ({
  page,
  zoom,
  zoomAccounts,
}) => {
  await page.goto('/');
  await fillForm(page, { meeting: '978 7598 1800', name: 'Hanna Host', role: 1 });
  await chooseInsideThisPage(page);
  await page.getByRole('link', { name: 'Sign in with Zoom' }).click();
  await expect(page.getByText('Signed in with Zoom as Hanna Host (hanna.host@example.com).')).toBeVisible();
  // The choice came back with the rest of the form.
  await expect(page.getByRole('radio', { name: 'Inside this page' })).toBeChecked();

  await page.getByRole('button', { name: 'Start meeting' }).click();
  await expect.poll(() => zoom.wcInfoRequests.length).toBe(1);
  const sent = zoom.lastJoin();
  expect(zoomAccounts.issuedZaks).toHaveLength(1);
  expect(sent.get('zsk')).toBe(zoomAccounts.issuedZaks[0]);
  const { payload } = await jwtVerify(sent.get('signature') ?? '', secret, { algorithms: ['HS256'] });
  expect(payload).toMatchObject({ role: 1, mn: '97875981800' });
  await expect(page.getByRole('alert')).toContainText('error 3004');
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain(zoomAccounts.issuedZaks[0]);
});

const decoded = [
  // Zoom's "invalid signature" answer: the embedded SDK maps it as client view does.
  { answer: ZOOM_ANSWERS.invalidSignature, code: 3712, text: 'The signature is invalid.' },
  // An answer the embedded SDK has no code of its own for: its generic 200 and Zoom's reason, both shown.
  { answer: ZOOM_ANSWERS.meetingNotFound, code: 200, text: '“Meeting does not exist.”' },
];

for (const { answer, code, text } of decoded) {
  test(`component view: Zoom’s refusal comes back as error ${code} with meaning, cause and fix`, async ({
    page,
    zoom,
  }) => {
    zoom.answer = answer;
    await page.goto('/');
    await fillForm(page, { meeting: '123456789', name: 'Grace', passcode: 'secret-pass' });
    await chooseInsideThisPage(page);
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(`error ${code}`);
    await expect(alert).toContainText(text);
    for (const term of ['What happened', 'Likely cause', 'How to fix it']) await expect(alert).toContainText(term);
    await expect(page.getByRole('heading', { name: 'Join a Zoom meeting' })).toBeVisible();
    await expect(page.getByLabel('Passcode')).toHaveValue('secret-pass');
    await expect(page.getByRole('button', { name: 'Join', exact: true })).toBeEnabled();
  });
}

test('the embedded client joins again after a failed join in the same document (same frame), paced 10 s', async ({
  page,
  zoom,
}) => {
  zoom.answer = ZOOM_ANSWERS.invalidSignature;
  await page.goto('/');
  await fillForm(page, { meeting: '123456789', name: 'Grace' });
  await chooseInsideThisPage(page);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('error 3712');
  await componentFrame(page).evaluate((frame: HTMLIFrameElement) => (frame.dataset['attempt'] = 'first'));

  zoom.answer = ZOOM_ANSWERS.wrongPasscode;
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('button', { name: /one try every 10 s/ })).toBeDisabled();
  await expect(page.getByRole('alert')).toContainText('error 3004', { timeout: 20_000 });
  // The finding the page relies on: the second join ran in the very same frame document and reached Zoom.
  expect(await componentFrame(page).getAttribute('data-attempt')).toBe('first');
  expect(zoom.wcInfoRequests).toHaveLength(2);
  expect(zoom.wcInfoTimes[1]! - zoom.wcInfoTimes[0]!).toBeGreaterThanOrEqual(9_900);
});

test('the embedded SDK is off the first load, and fetched once component view is chosen or remembered', async ({
  page,
}) => {
  const scripts = sdkScripts(page);
  await page.goto('/');
  // Client view (the default) is prefetched when the page is idle; the embedded SDK is not.
  await expect.poll(() => scripts.some((path) => /meetingsdk/.test(path))).toBe(true);
  expect(scripts.filter((path) => /embedded|meeting-component/.test(path))).toEqual([]);

  await chooseInsideThisPage(page);
  await expect.poll(() => scripts.filter((path) => /embedded/.test(path)).length).toBeGreaterThan(0);
  await expect(componentFrame(page)).toHaveCount(1);
  await expect(page.locator('iframe.meeting-frame:not(.component)')).toHaveCount(0);

  // Remembered: the next visit prefetches component view without a click, and never client view's SDK.
  await page.evaluate(() =>
    localStorage.setItem(
      'zoom-join-form',
      JSON.stringify({ meetingNumber: '123456789', userName: 'Grace', view: 'component' }),
    ),
  );
  scripts.length = 0;
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Inside this page' })).toBeChecked();
  await expect.poll(() => scripts.filter((path) => /embedded/.test(path)).length).toBeGreaterThan(0);
  expect(scripts.filter((path) => /\/meetingsdk-/.test(path))).toEqual([]);
});

test.describe('on a phone', () => {
  test.use({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    userAgent:
      'Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Mobile Safari/537.36',
  });

  test('“inside this page” falls back to the full window, and the page says so', async ({ page, zoom }) => {
    await page.goto('/');
    await fillForm(page, { meeting: '123456789', name: 'Grace' });
    await chooseInsideThisPage(page);
    await expect(page.getByText('On a phone the meeting opens in the full window')).toBeVisible();
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('error 3004');
    expect(zoom.wcInfoRequests).toHaveLength(1);
    // Client view's frame did the join; component view's was never created.
    await expect(componentFrame(page)).toHaveCount(0);
    await expect(page.locator('iframe.meeting-frame')).toHaveCount(1);
  });
});
