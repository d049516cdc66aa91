/**
 * "Sign in with Zoom" end to end: our page and functions (under netlify serve) and the real SDK, with Zoom's OAuth server
 * and REST API faked on loopback (tests/fake-zoom) and Zoom's meeting cloud faked at the network edge.
 */
import { jwtVerify } from 'jose';
import type { Page } from '@playwright/test';
import { E2E_SECRET, UNCONFIGURED_URL } from '../support/servers.ts';
import { expect, fillForm, test } from '../support/fixtures.ts';

const secret = new TextEncoder().encode(E2E_SECRET);

async function signIn(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Sign in with Zoom' }).click();
  await expect(page.getByText('Signed in with Zoom as Hanna Host (hanna.host@example.com).')).toBeVisible();
}

async function roleOf(signature: string | null): Promise<unknown> {
  const { payload } = await jwtVerify(signature ?? '', secret, { algorithms: ['HS256'] });
  return payload['role'];
}

test('host: sign in with Zoom, Start, and the SDK sends the ZAK with a role-1 signature', async ({
  page,
  zoom,
  zoomAccounts,
}) => {
  await page.goto('/');
  await fillForm(page, { meeting: '978 7598 1800', name: 'Hanna Host', role: 1 });
  await expect(page.getByText('Sign in with Zoom to start the meeting as its host.')).toBeVisible();
  // A host starts with the ZAK; the OBF option is for attendees only.
  await expect(page.getByLabel('The meeting belongs to another Zoom account')).toBeHidden();
  await signIn(page);
  // Back from Zoom on the same page, the form as it was (the passcode is never remembered).
  expect(new URL(page.url()).pathname).toBe('/');
  await expect(page.getByLabel('Meeting number or invite link')).toHaveValue('97875981800');
  await expect(page.getByRole('radio', { name: /^Host/ })).toBeChecked();

  const zakCall = page.waitForResponse((res) => res.url().endsWith('/api/zak'));
  await page.getByRole('button', { name: 'Start meeting' }).click();
  expect((await zakCall).status()).toBe(200);
  await expect.poll(() => zoom.wcInfoRequests.length).toBe(1);
  const sent = zoom.lastJoin();
  expect(zoomAccounts.issuedZaks).toHaveLength(1);
  // The SDK sends join()'s `zak` to Zoom as the form field `zsk`.
  expect(sent.get('zsk')).toBe(zoomAccounts.issuedZaks[0]);
  expect(await roleOf(sent.get('signature'))).toBe(1);
  expect(sent.get('obfToken')).toBeFalsy();
  // Nothing of the sign-in is readable by scripts or kept by the page once the join is over (here: refused).
  await expect(page.getByRole('alert')).toContainText('error 3004');
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === '__Host-zoom_session')).toMatchObject({
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    path: '/',
  });
  expect(await page.evaluate(() => document.cookie)).toBe('');
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain(zoomAccounts.issuedZaks[0]);
  expect(stored).not.toMatch(/access-/);
  expect(page.url()).not.toMatch(/code=|state=/);
});

test('attendee of another account’s meeting: sign in, and the SDK sends an OBF token for that meeting (no ZAK)', async ({
  page,
  zoom,
  zoomAccounts,
}) => {
  await page.goto('/');
  await fillForm(page, { meeting: '123 456 7890', name: 'Olga Outside', role: 0 });
  await page.getByLabel('The meeting belongs to another Zoom account').check();
  await expect(page.getByText('Sign in with Zoom to join a meeting of another Zoom account.')).toBeVisible();
  await signIn(page);
  await expect(page.getByLabel('The meeting belongs to another Zoom account')).toBeChecked();

  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect.poll(() => zoom.wcInfoRequests.length).toBe(1);
  expect(zoomAccounts.issuedObfTokens).toEqual([{ token: expect.any(String), meetingId: '1234567890' }]);
  const sent = zoom.lastJoin();
  expect(sent.get('obfToken')).toBe(zoomAccounts.issuedObfTokens[0]!.token);
  expect(sent.get('zsk')).toBeFalsy();
  expect(await roleOf(sent.get('signature'))).toBe(0);
  await expect(page.getByRole('alert')).toContainText('error 3004');
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain(zoomAccounts.issuedObfTokens[0]!.token);
});

test('sign out clears the session; Start then explains that sign-in is needed', async ({
  page,
  zoom,
  zoomAccounts,
}) => {
  await page.goto('/');
  await fillForm(page, { meeting: '123456789', name: 'Hanna', role: 1 });
  await signIn(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in with Zoom' })).toBeVisible();
  expect(zoomAccounts.revoked).toHaveLength(1);
  expect((await page.context().cookies()).some((c) => c.name === '__Host-zoom_session')).toBe(false);

  await page.getByRole('button', { name: 'Start meeting' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not get the host’s ZAK');
  await expect(alert).toContainText('Click “Sign in with Zoom” above');
  expect(zoom.wcInfoRequests).toHaveLength(0);
});

test('denied consent and a revoked token come back as explanations, never a raw error page', async ({
  page,
  zoom,
  zoomAccounts,
}) => {
  await page.goto('/');
  await fillForm(page, { meeting: '123456789', name: 'Hanna', role: 1 });
  zoomAccounts.consent = 'deny';
  await page.getByRole('link', { name: 'Sign in with Zoom' }).click();
  await expect(page.getByRole('alert')).toContainText('Sign-in was cancelled.');
  expect(page.url()).not.toContain('signin_error');

  zoomAccounts.consent = 'allow';
  await signIn(page);
  zoomAccounts.expireAccessTokens();
  await page.getByRole('button', { name: 'Start meeting' }).click();
  await expect(page.getByRole('alert')).toContainText('Zoom no longer accepts this sign-in');
  await expect(page.getByRole('link', { name: 'Sign in with Zoom' })).toBeVisible();
  expect(zoom.wcInfoRequests).toHaveLength(0);
});

test('a pasted ZAK still starts the meeting without signing in', async ({ page, zoom }) => {
  await page.goto('/');
  await fillForm(page, { meeting: '123456789', name: 'Dev', role: 1 });
  await page.getByText('More options', { exact: true }).click();
  await page.getByLabel('Host ZAK token').fill('pasted-zak-from-elsewhere');
  await page.getByRole('button', { name: 'Start meeting' }).click();
  await expect.poll(() => zoom.wcInfoRequests.length).toBe(1);
  expect(zoom.lastJoin().get('zsk')).toBe('pasted-zak-from-elsewhere');
});

test('without SESSION_SECRET the page says sign-in is not set up, and offers the pasted ZAK', async ({ page }) => {
  await page.goto(UNCONFIGURED_URL);
  await page.getByRole('radio', { name: /^Host/ }).check();
  await expect(
    page.getByText(
      'Sign in with Zoom is not set up on this site (SESSION_SECRET is missing). Paste a ZAK under More options instead.',
    ),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in with Zoom' })).toBeHidden();
  // Following the link anyway (bookmarked, typed) lands back on the page with the explanation.
  await page.goto(`${UNCONFIGURED_URL}/api/auth/login`);
  await expect(page.getByRole('alert')).toContainText('Sign in with Zoom is not set up on this site.');
});
