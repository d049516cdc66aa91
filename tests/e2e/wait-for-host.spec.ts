/**
 * Waiting for the host (issue #21), through our page, our functions and the real SDK, with Zoom's wc/info faked at
 * the network edge: "not started" is waited out at Zoom's pacing and the join goes on by itself; Cancel stops it; the
 * build's maximum wait ends with the explanation; a signed-in user is offered Start instead.
 */
import type { Page } from '@playwright/test';
import { jwtVerify } from 'jose';
import { ExternalSigner } from '../support/external-signer.ts';
import { E2E_SECRET, HOLDS_SIGNER_PORT, SHORT_DEADLINE_PAGE_URL, SHORT_MAX_WAIT_SECONDS } from '../support/servers.ts';
import { ZOOM_ANSWERS, expect, fillForm, test } from '../support/fixtures.ts';
import type { ZoomCloud } from '../support/zoom-cloud.ts';

const PAGE_TITLE = 'Join a Zoom meeting';

/** The signer calls a page makes (the site's function or an external signer). */
function countSignerCalls(page: Page): () => number {
  let calls = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/signature') calls += 1;
  });
  return () => calls;
}

function gapsBetweenTries(zoom: ZoomCloud): number[] {
  return zoom.wcInfoTimes.slice(1).map((time, i) => time - zoom.wcInfoTimes[i]!);
}

for (const view of ['client', 'component'] as const) {
  test(`${view} view: “not started” twice, then another answer: the page waits, tries again at Zoom’s pace and goes on without a click`, async ({
    page,
    zoom,
  }) => {
    test.setTimeout(120_000);
    zoom.nextAnswers = [ZOOM_ANSWERS.notStarted, ZOOM_ANSWERS.notStarted];
    zoom.answer = ZOOM_ANSWERS.invalidSignature;
    const signerCalls = countSignerCalls(page);
    await page.goto('/');
    await fillForm(page, { meeting: '123456789', name: 'Grace' });
    if (view === 'component') await page.getByRole('radio', { name: 'Inside this page' }).check();
    await page.getByRole('button', { name: 'Join', exact: true }).click();

    const waiting = page.getByRole('region', { name: 'Waiting for the host to start this meeting' });
    await expect(waiting).toBeVisible();
    await expect(waiting).toContainText('Meeting 123456789 · waited 0:');
    await expect(waiting).toContainText(/1 try · next try in \d+ s/);
    await expect(page.getByRole('status')).toContainText(
      'Waiting for the host to start this meeting: the page tries again by itself',
    );
    await expect(page).toHaveTitle(`Waiting for the host to start this meeting · ${PAGE_TITLE}`);
    await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
    // From now on every try is made out of sight: no meeting window flashing up over the page for each refusal.
    await page.evaluate(() => {
      const seen = window as unknown as { meetingShownWhileWaiting: number };
      seen.meetingShownWhileWaiting = 0;
      setInterval(() => {
        // Client view's frame is hidden until shown; component view's sits in the page's region, collapsed until shown.
        if (document.querySelector('iframe.meeting-frame:not(.component):not([hidden]), #meeting-region.active'))
          seen.meetingShownWhileWaiting += 1;
      }, 50);
    });
    // Nobody signed in: nothing to start instead.
    await expect(page.getByRole('button', { name: 'Start this meeting as its host' })).toBeHidden();
    await expect(waiting).toContainText('2 tries', { timeout: 20_000 });

    // The third try gets Zoom's other answer, explained as usual; the waiting state is gone.
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('error 3712', { timeout: 30_000 });
    await expect(waiting).toBeHidden();
    await expect(page).toHaveTitle(PAGE_TITLE);
    await expect(page.getByRole('button', { name: 'Join', exact: true })).toBeEnabled();
    expect(zoom.wcInfoRequests).toHaveLength(3);
    expect(
      await page.evaluate(() => (window as unknown as { meetingShownWhileWaiting: number }).meetingShownWhileWaiting),
    ).toBe(0);
    // Zoom's pacing: 10 s after each refusal, never sooner.
    for (const gap of gapsBetweenTries(zoom)) expect(gap).toBeGreaterThanOrEqual(9_900);
    // One signature for every try: it is far from expiring.
    expect(signerCalls()).toBe(1);
    expect(new Set(zoom.wcInfoRequests.map((request) => new URLSearchParams(request.body).get('signature'))).size).toBe(
      1,
    );
  });
}

test('Cancel stops the waiting and leaves the form usable', async ({ page, zoom }) => {
  zoom.answer = ZOOM_ANSWERS.notStarted;
  await page.goto('/');
  await fillForm(page, { meeting: '123456789', name: 'Grace' });
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  const waiting = page.getByRole('region', { name: 'Waiting for the host to start this meeting' });
  await expect(waiting).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();

  await expect(waiting).toBeHidden();
  await expect(page.getByRole('status')).toHaveText('Stopped waiting. Join starts again whenever you are ready.');
  await expect(page).toHaveTitle(PAGE_TITLE);
  await expect(page.getByRole('alert')).toBeHidden();
  // The form is back, and nothing tries again behind it (Zoom's pace would have tried by now).
  await page.getByLabel('Your name').fill('Grace Hopper');
  await page.waitForTimeout(11_000);
  expect(zoom.wcInfoRequests).toHaveLength(1);
  await expect(page.getByRole('button', { name: 'Join', exact: true })).toBeEnabled();

  // Joining again waits again.
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(waiting).toBeVisible();
  await expect.poll(() => zoom.wcInfoRequests.length).toBe(2);
  expect(zoom.lastJoin().get('userName')).toBe('Grace Hopper');
});

test.describe('the build’s maximum wait', HOLDS_SIGNER_PORT, () => {
  const signer = new ExternalSigner();
  test.beforeAll(() => signer.start());
  test.afterAll(() => signer.stop());

  test(`ends after ${SHORT_MAX_WAIT_SECONDS} s with the explanation, and says what else it can be on the way`, async ({
    page,
    zoom,
  }) => {
    test.setTimeout(120_000);
    zoom.answer = ZOOM_ANSWERS.notStarted;
    await page.goto(SHORT_DEADLINE_PAGE_URL);
    await fillForm(page, { meeting: '123456789', name: 'Grace' });
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    const waiting = page.getByRole('region', { name: 'Waiting for the host to start this meeting' });
    await expect(waiting).toBeVisible();
    const waitingFrom = Date.now();

    // After three tries the page says what else gives this answer, from the join-error table and its own check.
    await expect(waiting).toContainText('Still refused after 3 tries.', { timeout: 30_000 });
    await expect(waiting).toContainText('Personal Meeting ID (PMI)');
    await expect(waiting).toContainText('recurring meeting');
    await expect(waiting).toContainText('another account');
    await expect(waiting).toContainText('waiting room');
    await expect(waiting).toContainText(
      'This page checked the signature: it was made for meeting 123456789, the number joined.',
    );

    const alert = page.getByRole('alert');
    await expect(alert).toContainText(
      `Waited 0:${SHORT_MAX_WAIT_SECONDS} (3 tries, the most this site waits): Zoom still answers error 3008`,
      { timeout: 30_000 },
    );
    expect(Date.now() - waitingFrom).toBeGreaterThanOrEqual((SHORT_MAX_WAIT_SECONDS - 2) * 1000);
    await expect(alert).toContainText('The meeting has not started.');
    await expect(alert).toContainText('Personal Meeting ID (PMI)');
    await expect(alert).toContainText('click Join to wait again');
    await expect(waiting).toBeHidden();
    await expect(page).toHaveTitle(PAGE_TITLE);
    await expect(page.getByRole('button', { name: 'Join', exact: true })).toBeEnabled();
    expect(zoom.wcInfoRequests).toHaveLength(3);
    for (const gap of gapsBetweenTries(zoom)) expect(gap).toBeGreaterThanOrEqual(9_900);
  });
});

test('a signed-in user waiting as attendee is offered Start: the same form starts the meeting as its host, with the ZAK', async ({
  page,
  zoom,
  zoomAccounts,
}) => {
  zoom.answer = ZOOM_ANSWERS.notStarted;
  await page.goto('/');
  await fillForm(page, { meeting: '123456789', name: 'Hanna Host', role: 1 });
  await page.getByRole('link', { name: 'Sign in with Zoom' }).click();
  await expect(page.getByText('Signed in with Zoom as Hanna Host (hanna.host@example.com).')).toBeVisible();
  await page.getByRole('radio', { name: /^Attendee/ }).check();
  await page.getByRole('button', { name: 'Join', exact: true }).click();

  await expect(page.getByRole('region', { name: 'Waiting for the host to start this meeting' })).toBeVisible();
  zoom.answer = ZOOM_ANSWERS.wrongPasscode;
  await page.getByRole('button', { name: 'Start this meeting as its host' }).click();
  await expect.poll(() => zoom.wcInfoRequests.length, { timeout: 20_000 }).toBe(2);
  await expect(page.getByRole('radio', { name: /^Host/ })).toBeChecked();
  const sent = zoom.lastJoin();
  expect(sent.get('zsk')).toBe(zoomAccounts.issuedZaks[0]);
  const { payload } = await jwtVerify(sent.get('signature') ?? '', new TextEncoder().encode(E2E_SECRET), {
    algorithms: ['HS256'],
  });
  expect(payload['role']).toBe(1);
  await expect(page.getByRole('alert')).toContainText('error 3004');
});
