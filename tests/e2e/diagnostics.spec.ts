import { createHmac } from 'node:crypto';
import { SELF_HOSTED_LIB_PATH } from '../../lib/zoom-assets.ts';
import { BYO_PAGE_URL, EXTERNAL_SIGNER_URL, HOLDS_SIGNER_PORT } from '../support/servers.ts';
import { ExternalSigner } from '../support/external-signer.ts';
import { ZOOM_ANSWERS, expect, fillForm, test } from '../support/fixtures.ts';

test.describe('signature details and checks', () => {
  test('after signing, the details panel shows the decoded claims and no problems', async ({ page, zoom }) => {
    zoom.answer = ZOOM_ANSWERS.invalidSignature;
    await page.goto('/');
    await fillForm(page, { meeting: '123 456 789', name: 'Ada', role: 1, zak: 'pasted-zak' });
    await page.getByRole('button', { name: 'Start meeting' }).click();
    await expect(page.getByRole('alert')).toContainText('error 3712');
    const details = page.getByRole('region', { name: 'Signature details' });
    await expect(details).toContainText('"mn": "123456789"');
    await expect(details).toContainText('"role": 1');
    await expect(details).toContainText('No problems found');
    await expect(page.locator('#clock-warning')).toBeHidden();
  });

  test('“Check a signature” names a legacy signature and explains the fix', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Meeting number or invite link').fill('123456789');
    const msg = Buffer.from('oldKey1234567891800000000000').toString('base64');
    const hash = createHmac('sha256', 'secret').update(msg).digest('base64');
    const legacy = Buffer.from(`oldKey.123456789.1800000000000.0.${hash}`).toString('base64');
    await page.getByText('Check a signature').click();
    await page.getByLabel('Paste a signature from any backend').fill(legacy);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(page.locator('#check-result')).toContainText('legacy (pre-2022) signature');
    await expect(page.locator('#check-result')).toContainText('apiKey.meetingNumber.timestamp.role.hash');
  });

  test('warns when the browser clock and the signer’s clock differ by more than 60 s', async ({ page, zoom }) => {
    zoom.answer = ZOOM_ANSWERS.expiredSignature;
    await page.clock.setFixedTime(new Date(Date.now() + 10 * 60_000));
    await page.goto('/');
    await fillForm(page, { meeting: '123456789', name: 'Skewed' });
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(page.locator('#clock-warning')).toContainText(/clock is (59\d|60\d) s ahead of the signer’s/);
  });
});

test.describe('bring your own signer (VITE_SIGNATURE_URL)', HOLDS_SIGNER_PORT, () => {
  const signer = new ExternalSigner();
  test.beforeAll(() => signer.start());
  test.afterAll(() => signer.stop());

  async function join(page: import('@playwright/test').Page) {
    await page.goto(`${BYO_PAGE_URL}/`);
    // This page is hosted without our functions, so a host brings a ZAK of their own.
    await fillForm(page, { meeting: '987654321', name: 'Byo', role: 1, zak: 'pasted-zak' });
    await page.getByRole('button', { name: 'Start meeting' }).click();
  }

  test('a correct external signer is used, its signature reaches Zoom, and no asset comes from Zoom’s CDN', async ({
    page,
    zoom,
  }) => {
    signer.mode = 'ok';
    zoom.answer = ZOOM_ANSWERS.invalidSignature;
    const signerRequest = page.waitForRequest(
      (request) => request.url() === EXTERNAL_SIGNER_URL && request.method() === 'POST',
    );
    const selfHosted: string[] = [];
    // Served, not just asked for: a 404 here once went unnoticed while the build copied the files elsewhere.
    page.on(
      'response',
      (res) =>
        res.url().startsWith(`${BYO_PAGE_URL}${SELF_HOSTED_LIB_PATH}/`) &&
        res.status() === 200 &&
        selfHosted.push(res.url()),
    );
    await join(page);
    expect((await signerRequest).postDataJSON()).toEqual({ meetingNumber: '987654321', role: 1 });
    await expect(page.getByRole('alert')).toContainText('error 3712');
    expect(zoom.lastJoin().get('signature')).toMatch(/^eyJ/);
    // This build self-hosts the SDK's assets: the join got this far without a single request to Zoom's CDN.
    expect(zoom.cdnRequests).toEqual([]);
    expect(selfHosted.some((url) => url.includes(`${SELF_HOSTED_LIB_PATH}/av/`))).toBe(true);
    await expect(page.getByRole('region', { name: 'Signature details' })).toContainText('"mn": "987654321"');
    // Hosted without this project's functions: the sign-in box says so instead of offering a dead link.
    await expect(page.locator('#zoom-account-status')).toHaveText(
      'This site has no Sign in with Zoom functions. Paste a ZAK under More options instead.',
    );
  });

  test('an external signer answering text is reported as text', async ({ page, zoom }) => {
    signer.mode = 'text';
    await join(page);
    await expect(page.getByRole('alert')).toContainText('The signer returned text, not JSON.');
    await expect(page.getByRole('alert')).toContainText('Signature service unavailable');
    expect(zoom.wcInfoRequests).toHaveLength(0);
  });

  test('an external signer without CORS is named as a CORS problem', async ({ page, zoom }) => {
    signer.mode = 'no-cors';
    await join(page);
    await expect(page.getByRole('alert')).toContainText('The browser blocked the signer’s answer (CORS).');
    await expect(page.getByRole('alert')).toContainText(`Access-Control-Allow-Origin: ${BYO_PAGE_URL}`);
    expect(zoom.wcInfoRequests).toHaveLength(0);
  });
});
