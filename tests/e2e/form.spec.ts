import AxeBuilder from '@axe-core/playwright';
import { expect, fillForm, test } from '../support/fixtures.ts';

test('pasting an invite link fills the meeting number, passcode and registrant token', async ({ page }) => {
  await page.goto('/');
  const meeting = page.getByLabel('Meeting number or invite link');
  // A paste is an `input` event like typing; fill() produces exactly that.
  await meeting.fill('https://us02web.zoom.us/j/97875981800?pwd=Zk1UeTlMbHdKdWc9&tk=reg-token-1');
  await expect(meeting).toHaveValue('97875981800');
  await expect(page.getByLabel('Passcode')).toHaveValue('Zk1UeTlMbHdKdWc9');
  await expect(page.getByLabel('Registrant token (tk)')).toHaveValue('reg-token-1');
});

test('inline validation names each problem and focuses the first', async ({ page, zoom }) => {
  await page.goto('/');
  await page.getByLabel('Meeting number or invite link').fill('12345');
  await page.getByLabel(/^Email/).fill('not-an-email');
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.locator('#meetingNumber-error')).toHaveText(
    'The meeting number must be 9 to 11 digits (spaces and dashes are ignored).',
  );
  await expect(page.locator('#userName-error')).toHaveText('Enter the name others will see in the meeting.');
  await expect(page.locator('#userEmail-error')).toHaveText('Enter a valid email address, or leave it empty.');
  await expect(page.getByLabel('Meeting number or invite link')).toBeFocused();
  await expect(page.getByLabel('Meeting number or invite link')).toHaveAttribute('aria-invalid', 'true');
  expect(zoom.wcInfoRequests).toHaveLength(0);
});

test('remembers the form between visits, but never the passcode, tk or ZAK', async ({ page }) => {
  await page.goto('/');
  await fillForm(page, { meeting: '123456789', name: 'Ada', email: 'ada@example.com', passcode: 'p4ss', role: 1 });
  await page.getByText('More options', { exact: true }).click();
  await page.getByLabel('Registrant token (tk)').fill('tk-secret');
  await page.getByLabel('Host ZAK token').fill('zak-secret');
  await page.getByLabel('Meeting language').selectOption('de-DE');
  await page.getByRole('button', { name: 'Start meeting' }).click();
  await expect(page.getByRole('alert')).toBeVisible();

  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  for (const secret of ['p4ss', 'tk-secret', 'zak-secret']) expect(stored).not.toContain(secret);

  await page.reload();
  await expect(page.getByLabel('Meeting number or invite link')).toHaveValue('123456789');
  await expect(page.getByLabel('Your name')).toHaveValue('Ada');
  await expect(page.getByLabel(/^Email/)).toHaveValue('ada@example.com');
  await expect(page.getByRole('radio', { name: /^Host/ })).toBeChecked();
  await expect(page.getByLabel('Meeting language')).toHaveValue('de-DE');
  await expect(page.getByLabel('Passcode')).toHaveValue('');
  await expect(page.getByLabel('Host ZAK token')).toHaveValue('');
});

test('the form has no accessibility violations (axe), also with errors and options shown', async ({ page }) => {
  await page.goto('/');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.getByText('More options', { exact: true }).click();
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.locator('#userName-error')).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.getByRole('radio', { name: /^Host/ }).check();
  await expect(page.getByRole('link', { name: 'Sign in with Zoom' })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test('keyboard only: tab to every control and join with Enter', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Meeting number or invite link')).toBeFocused();
  await page.keyboard.type('123456789');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Passcode')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type('Keyboard User');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('error 3004');
});
