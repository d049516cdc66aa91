/**
 * Issue #13 in the browser: the documents' Content-Security-Policy, framing, a form that cannot submit natively,
 * and nothing of the SDK's token copies or of a crafted sign-in reason surviving on the page.
 */
import type { Page } from '@playwright/test';
import { VITE_DEV_URL } from '../support/servers.ts';
import { ZOOM_ANSWERS, expect, fillForm, test } from '../support/fixtures.ts';

/** Every CSP violation in the page and in its frames, gathered in the top window (all same-origin). */
async function recordViolations(
  page: Page,
): Promise<() => Promise<Array<{ page: string; directive: string; blocked: string; disposition: string }>>> {
  await page.addInitScript(`
    document.addEventListener('securitypolicyviolation', (e) => {
      const sink = (window.top.__cspViolations ??= []);
      sink.push({ page: location.pathname, directive: e.effectiveDirective, blocked: e.blockedURI, disposition: e.disposition });
    });
  `);
  return () => page.evaluate(() => (window as unknown as { __cspViolations?: [] }).__cspViolations ?? []);
}

test('the form page enforces a strict policy; the frame enforces what a join proves and reports the rest', async ({
  request,
}) => {
  for (const path of ['/', '/index.html']) {
    const headers = (await request.get(path)).headers();
    const csp = headers['content-security-policy'] ?? '';
    for (const directive of [
      "script-src 'self';",
      "frame-ancestors 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "connect-src 'self';",
      "frame-src 'self'",
      'report-uri /api/csp-report',
      'report-to csp-endpoint',
    ]) {
      expect(csp, path).toContain(directive);
    }
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline/);
    expect(headers['reporting-endpoints']).toBe('csp-endpoint="/api/csp-report"');
  }
  const frame = (await request.get('/meeting.html')).headers();
  expect(frame['content-security-policy']).toContain(
    "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval' blob: https://source.zoom.us",
  );
  expect(frame['content-security-policy']).toContain("frame-ancestors 'self'");
  expect(frame['content-security-policy-report-only']).toContain(
    "connect-src 'self' https://zoom.us https://*.zoom.us wss://*.zoom.us",
  );
  expect(frame['content-security-policy-report-only']).toContain('report-uri /api/csp-report');
});

test('a join runs without a single violation of an enforced policy, and none at all on the form page', async ({
  page,
  zoom,
}) => {
  const violations = await recordViolations(page);
  zoom.answer = ZOOM_ANSWERS.invalidSignature;
  await page.goto('/');
  await fillForm(page, { meeting: '123456789', name: 'Policy' });
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('error 3712');
  expect(zoom.wcInfoRequests).toHaveLength(1);
  const seen = await violations();
  expect(seen.filter((v) => v.page === '/' || v.page === '/index.html')).toEqual([]);
  expect(seen.filter((v) => v.disposition === 'enforce')).toEqual([]);
  // The recorder and the policy at work: an injected inline script is refused, and seen.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
  });
  await expect
    .poll(async () => (await violations()).map((v) => `${v.page} ${v.directive} ${v.blocked}`))
    .toContain('/ script-src-elem inline');
  expect(await page.evaluate(() => 'injected' in window)).toBe(false);
});

test('another site cannot frame the page (frame-ancestors)', async ({ page, baseURL }) => {
  await page.setContent(`<iframe src="${baseURL}/" width="600" height="400"></iframe>`);
  const framed = page.frameLocator('iframe');
  await page.waitForTimeout(1500);
  await expect(framed.getByRole('heading', { name: 'Join a Zoom meeting' })).toHaveCount(0);
});

test('the page itself may still frame it: the same frame loads on its own origin (the control for the test above)', async ({
  page,
  baseURL,
}) => {
  await page.goto('/');
  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.id = 'control';
    document.body.append(frame);
  }, `${baseURL}/`);
  await expect(page.frameLocator('#control').getByRole('heading', { name: 'Join a Zoom meeting' })).toHaveCount(1);
});

test('every document path is under its policy, also without .html and through a join link', async ({ request }) => {
  for (const [path, directive] of [
    ['/index', "script-src 'self';"],
    ['/j/123456789', "script-src 'self';"],
    ['/meeting', "script-src 'self' 'unsafe-eval'"],
    ['/meeting-component', "script-src 'self' 'unsafe-eval'"],
  ]) {
    const response = await request.get(path!);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-security-policy'], path).toContain(directive);
  }
});

test('a component-view join runs without a single violation of an enforced policy', async ({ page, zoom }) => {
  const violations = await recordViolations(page);
  zoom.answer = ZOOM_ANSWERS.invalidSignature;
  await page.goto('/');
  await fillForm(page, { meeting: '123456789', name: 'Policy' });
  await page.getByRole('radio', { name: 'Inside this page' }).check();
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('3712');
  expect(zoom.wcInfoRequests).toHaveLength(1);
  const seen = await violations();
  expect(seen.filter((v) => v.disposition === 'enforce')).toEqual([]);
  expect(seen.filter((v) => v.page === '/' || v.page === '/index.html')).toEqual([]);
});

test('the dev server serves the page under its policy, Vite’s client included', async ({ page }) => {
  const violations = await recordViolations(page);
  const connected = page.waitForEvent('console', (message) => message.text().includes('[vite] connected'));
  const response = await page.goto(`${VITE_DEV_URL}/`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self';");
  await connected;
  await expect(page.getByRole('button', { name: 'Join', exact: true })).toBeEnabled();
  const seen = await violations();
  expect(seen.filter((v) => v.disposition === 'enforce' || v.page === '/')).toEqual([]);
});

test.describe('before (or without) the page script', () => {
  test.use({ javaScriptEnabled: false });

  test('Enter cannot submit the form natively: nothing typed reaches a URL', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Join', exact: true })).toBeDisabled();
    // (Chromium with scripts switched off through DevTools still parses <noscript> as if scripts ran, so its
    // message is not rendered here; a browser without JavaScript shows it.)
    await expect(page.locator('noscript')).toHaveCount(1);
    const navigations: string[] = [];
    page.on('request', (r) => r.isNavigationRequest() && navigations.push(r.url()));
    await page.getByLabel('Meeting number or invite link').fill('123456789');
    await page.getByLabel('Passcode').fill('pass-secret');
    await page.getByLabel('Passcode').press('Enter');
    await page.waitForTimeout(1000);
    expect(navigations).toEqual([]);
    expect(page.url()).not.toContain('pass-secret');
    expect(await page.locator('#join-form').getAttribute('method')).toBe('post');
  });
});

test('the SDK’s copies of the ZAK, OBF token and tk are removed when the page starts', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => {
    for (const key of ['WEB_CLIENT_ZAK', 'WEB_CLIENT_ZSK', 'WEB_CLIENT_OBF_TOKEN', 'WEB_CLIENT_TK'])
      sessionStorage.setItem(key, 'left-over-token');
    sessionStorage.setItem('unrelated', 'kept');
  });
  await page.reload();
  await expect(page.getByRole('button', { name: 'Join', exact: true })).toBeEnabled();
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).toBe('{"unrelated":"kept"}');
});

test('a crafted ?signin_error is never shown on the page, only a fixed message', async ({ page }) => {
  await page.goto(`/?signin_error=${encodeURIComponent('Your account is locked. Call +1 555 0100 now')}`);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The sign-in came back with a reason this page does not know.');
  await expect(alert).not.toContainText('555');
  expect(new URL(page.url()).search).toBe('');
});
