import { expect, fillForm, test, ZOOM_ANSWERS } from '../support/fixtures.ts';

test('the page and the meeting frame are cross-origin isolated, with the production headers', async ({ page, request, zoom }) => {
  for (const path of ['/', '/meeting.html', '/meeting-component.html']) {
    const headers = (await request.get(path)).headers();
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(headers['cross-origin-embedder-policy']).toBe('credentialless');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['permissions-policy']).toContain('camera=(self)');
    expect(headers['content-security-policy-report-only']).toContain("connect-src 'self' https://*.zoom.us wss://*.zoom.us");
  }

  // The SDK's assets (served without CORP, as a CDN may) load under these headers and the join reaches Zoom.
  zoom.answer = ZOOM_ANSWERS.invalidSignature;
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  await page.goto('/');
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
  await fillForm(page, { meeting: '123456789', name: 'Isolated' });
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('alert')).toContainText('error 3712');
  expect(zoom.wcInfoRequests).toHaveLength(1);
  // ERR_ABORTED: loads cut off when the failed attempt's frame is discarded. A COEP refusal would read
  // ERR_BLOCKED_BY_RESPONSE.
  expect(failed.filter((entry) => entry.includes('source.zoom.us') && !entry.endsWith('net::ERR_ABORTED'))).toEqual([]);
  const frame = page.locator('iframe.meeting-frame');
  await expect(frame).toHaveCount(1);
  expect(await frame.evaluate((element: HTMLIFrameElement) => element.contentWindow?.crossOriginIsolated)).toBe(true);
});
