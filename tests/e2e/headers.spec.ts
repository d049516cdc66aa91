import { expect, fillForm, test, ZOOM_ANSWERS } from '../support/fixtures.ts';

/** A failed load from Zoom's CDN other than one cut off on purpose (ERR_ABORTED): what COEP would cause. */
const blockedZoomAsset = (entry: string) => entry.includes('source.zoom.us') && !entry.endsWith('net::ERR_ABORTED');

test('the page and the meeting frame are cross-origin isolated, with the production headers', async ({
  page,
  request,
  zoom,
}) => {
  for (const [path, embedder] of [
    ['/', 'require-corp'],
    ['/meeting.html', 'credentialless'],
    ['/meeting-component.html', 'credentialless'],
    ['/corp/meeting.html', 'require-corp'],
    ['/corp/meeting-component.html', 'require-corp'],
  ]) {
    const headers = (await request.get(path!)).headers();
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(headers['cross-origin-embedder-policy']).toBe(embedder);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['permissions-policy']).toContain('camera=(self)');
  }
  // Each document's own policy (dist/_headers, written by the build): tests/e2e/security.spec.ts.

  // The SDK's assets (served without CORP, as a CDN may) load under these headers and the join reaches Zoom.
  zoom.answer = ZOOM_ANSWERS.invalidSignature;
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  await page.goto('/');
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
  await fillForm(page, { meeting: '123456789', name: 'Isolated' });
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('error 3712');
  expect(zoom.wcInfoRequests).toHaveLength(1);
  // ERR_ABORTED: loads cut off when the failed attempt's frame is discarded. A COEP refusal would read
  // ERR_BLOCKED_BY_RESPONSE.
  expect(failed.filter(blockedZoomAsset)).toEqual([]);
  const frame = page.locator('iframe.meeting-frame');
  await expect(frame).toHaveCount(1);
  expect(await frame.evaluate((element: HTMLIFrameElement) => element.contentWindow?.crossOriginIsolated)).toBe(true);
});

test('component view runs cross-origin isolated under the production headers; what its SDK loads is recorded', async ({
  page,
  zoom,
}, testInfo) => {
  zoom.answer = ZOOM_ANSWERS.invalidSignature;
  const failed: string[] = [];
  const loaded = new Set<string>();
  const cspReports: string[] = [];
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('request', (r) => {
    const url = new URL(r.url());
    loaded.add(
      `${r.resourceType()} ${url.protocol}//${url.host}${url.hostname === 'localhost' ? '' : url.pathname.replace(/\/\d+\.\d+\.\d+\//, '/<version>/')}`,
    );
  });
  // Chromium reports what the Report-Only policy would block on the console: the input for an enforced CSP (#13).
  page.on(
    'console',
    (message) => message.text().includes('Content Security Policy') && cspReports.push(message.text()),
  );
  await page.goto('/');
  await fillForm(page, { meeting: '123456789', name: 'Isolated' });
  await page.getByRole('radio', { name: 'Inside this page' }).check();
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('error 3712');
  expect(zoom.wcInfoRequests).toHaveLength(1);
  const frame = page.locator('iframe.meeting-frame.component');
  expect(await frame.evaluate((element: HTMLIFrameElement) => element.contentWindow?.crossOriginIsolated)).toBe(true);
  // The embedded SDK's assets load under COEP credentialless (a refusal would read ERR_BLOCKED_BY_RESPONSE).
  // ERR_ABORTED: the SDK's sounds, still loading when the failed attempt's frame is discarded (CI saw eight).
  expect(failed.filter(blockedZoomAsset)).toEqual([]);
  const inventory = { loaded: [...loaded].sort(), cspReportOnlyViolations: cspReports };
  await testInfo.attach('component-view-loads.json', {
    body: JSON.stringify(inventory, null, 2),
    contentType: 'application/json',
  });
  console.log(JSON.stringify(inventory, null, 2));
});
