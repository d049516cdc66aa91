/**
 * Issue #17 in the browser: this site's join links (/j/…), "Copy join link", and a Zoom for Government build whose
 * join goes to www.zoomgov.com ("Check this browser" is in browser-check.spec.ts). Our page, functions (netlify
 * serve) and the real SDK; Zoom's clouds faked at the network edge.
 */
import { ExternalSigner } from '../support/external-signer.ts';
import { HOLDS_SIGNER_PORT, ZFG_PAGE_URL } from '../support/servers.ts';
import { ZOOM_ANSWERS, expect, fillForm, test } from '../support/fixtures.ts';

test('a /j/ join link opens the form with number, passcode and tk filled, the name focused, and the form page’s policy', async ({
  page,
  zoom,
}) => {
  const response = await page.goto('/j/97875981800?pwd=abc.DEF-1&tk=REG-TOKEN');
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self';");
  await expect(page.getByLabel('Meeting number or invite link')).toHaveValue('97875981800');
  await expect(page.getByLabel('Passcode')).toHaveValue('abc.DEF-1');
  await expect(page.getByLabel('Registrant token (tk)')).toHaveValue('REG-TOKEN');
  await expect(page.getByLabel('Your name')).toBeFocused();
  // The passcode and tk do not stay in the address bar; the meeting number does, so a reload keeps it.
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/j/97875981800');
  // And the link joins like the form: the passcode reaches Zoom.
  await page.getByLabel('Your name').fill('Linked');
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('error 3004');
  expect(zoom.lastJoin().get('passWord')).toBe('abc.DEF-1');
  expect(zoom.lastJoin().get('tk')).toBe('REG-TOKEN');
});

test.describe('copy join link', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('copies number and passcode only, never a token, name or email, and the link opens the same meeting', async ({
    page,
    baseURL,
  }) => {
    await page.goto('/');
    await fillForm(page, {
      meeting: '123 456 7890',
      passcode: 'p@ss word',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      role: 1,
      zak: 'secret-zak-token',
    });
    await page.getByLabel('Registrant token (tk)').fill('personal-tk');
    await page.getByRole('button', { name: 'Copy join link' }).click();
    const expected = `${baseURL}/j/1234567890?pwd=p%40ss+word`;
    await expect(page.locator('#join-link-result')).toHaveText(`Copied: ${expected}`);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(expected);
    for (const secret of ['secret-zak-token', 'personal-tk', 'Ada', 'ada@example', 'eyJ'])
      expect(copied).not.toContain(secret);

    await page.goto(copied);
    await expect(page.getByLabel('Meeting number or invite link')).toHaveValue('1234567890');
    await expect(page.getByLabel('Passcode')).toHaveValue('p@ss word');
  });

  test('without a valid meeting number it names the problem instead of copying', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Copy join link' }).click();
    await expect(page.locator('#meetingNumber-error')).toHaveText('Enter the meeting number or paste the invite link.');
    await expect(page.getByLabel('Meeting number or invite link')).toBeFocused();
    await expect(page.locator('#join-link-result')).toBeHidden();
  });
});

test.describe('Zoom for Government (VITE_ZOOM_WEB_ENDPOINT=www.zoomgov.com)', HOLDS_SIGNER_PORT, () => {
  const signer = new ExternalSigner();
  test.beforeAll(() => signer.start());
  test.afterAll(() => signer.stop());

  test('the join goes to www.zoomgov.com and the SDK’s files come from source.zoomgov.com, nothing from zoom.us', async ({
    page,
    zoom,
  }) => {
    zoom.answer = ZOOM_ANSWERS.invalidSignature;
    await page.goto(`${ZFG_PAGE_URL}/`);
    const preconnects = await page
      .locator('link[rel="preconnect"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(preconnects).toEqual(['https://source.zoomgov.com', 'https://www.zoomgov.com']);
    await fillForm(page, { meeting: '123456789', name: 'Gov' });
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('error 3712');
    expect(zoom.wcInfoRequests.map((request) => request.url.origin)).toEqual(['https://www.zoomgov.com']);
    expect(zoom.lastJoin().get('signature')).toMatch(/^eyJ/);
    expect(zoom.cdnRequests.length).toBeGreaterThan(0);
    expect(zoom.cdnRequests.filter((url) => !url.startsWith('https://source.zoomgov.com/'))).toEqual([]);
    expect(zoom.refused).toEqual([]);
  });
});
