import { UNCONFIGURED_URL } from '../support/servers.ts';
import { expect, fillForm, test } from '../support/fixtures.ts';

async function join(page: import('@playwright/test').Page) {
  await fillForm(page, { meeting: '123456789', name: 'Linus' });
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  return page.getByRole('alert');
}

test('503: a signer without credentials says which variables to set', async ({ page, zoom }) => {
  await page.goto(`${UNCONFIGURED_URL}/`);
  const alert = await join(page);
  await expect(alert).toContainText('The signer refused to sign (HTTP 503, signer_not_configured)');
  await expect(alert).toContainText('set ZOOM_MEETING_SDK_KEY and ZOOM_MEETING_SDK_SECRET');
  await expect(alert).toContainText('.env');
  expect(zoom.wcInfoRequests).toHaveLength(0);
});

test('400: the function’s field errors are shown by name', async ({ page, zoom }) => {
  // The form refuses a bad number itself, so the request is altered on the wire to reach the real function.
  await page.route('**/api/signature', (route) =>
    route.continue({ postData: JSON.stringify({ ...route.request().postDataJSON(), meetingNumber: '12-34' }) }),
  );
  await page.goto('/');
  const alert = await join(page);
  await expect(alert).toContainText('HTTP 400, invalid_request');
  await expect(alert).toContainText('meetingNumber must be 9 to 11 digits');
  expect(zoom.wcInfoRequests).toHaveLength(0);
});

test('a text body is reported as text, not JSON, with its first characters', async ({ page, zoom }) => {
  await page.route('**/api/signature', (route) =>
    route.fulfill({ status: 200, contentType: 'text/plain', body: 'eyJhbGciOiJIUzI1NiJ9.eyJtbiI6IjEyMyJ9.sig' }),
  );
  await page.goto('/');
  const alert = await join(page);
  await expect(alert).toContainText('The signer returned text, not JSON.');
  await expect(alert).toContainText('beginning: “eyJhbGciOiJIUzI1NiJ9.eyJtbiI6IjEyMyJ9.sig”');
  expect(zoom.wcInfoRequests).toHaveLength(0);
});

test('JSON with { token } instead of { signature } says to rename the key', async ({ page, zoom }) => {
  await page.route('**/api/signature', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ token: 'eyJ.x.y' }) }),
  );
  await page.goto('/');
  const alert = await join(page);
  await expect(alert).toContainText('The signer’s JSON has “token” instead of “signature”.');
  await expect(alert).toContainText('the fields: token');
  await expect(alert).toContainText('Rename the key');
  expect(zoom.wcInfoRequests).toHaveLength(0);
});

test('JSON with a signature object, not a string, says so', async ({ page, zoom }) => {
  await page.route('**/api/signature', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ signature: { jwt: 'eyJ' } }),
    }),
  );
  await page.goto('/');
  const alert = await join(page);
  await expect(alert).toContainText('The signer’s JSON has no “signature” string.');
  await expect(alert).toContainText('“signature” is an object, not a string.');
  expect(zoom.wcInfoRequests).toHaveLength(0);
});

test('a signer that cannot be reached is a network error', async ({ page }) => {
  await page.route('**/api/signature', (route) => route.abort('connectionrefused'));
  await page.goto('/');
  const alert = await join(page);
  await expect(alert).toContainText('Could not reach the signer.');
});
