import { jwtVerify } from 'jose';
import { E2E_KEY, E2E_SECRET } from '../support/servers.ts';
import { ZOOM_ANSWERS, expect, fillForm, test } from '../support/fixtures.ts';

const secret = new TextEncoder().encode(E2E_SECRET);

for (const role of [0, 1] as const) {
  test(`role ${role}: the page signs, and Zoom receives exactly the function's signature`, async ({ page, zoom }) => {
    await page.goto('/');
    // Starting needs the host's ZAK: here pasted (host.spec.ts fetches it by signing in with Zoom).
    const zak = role === 1 ? { zak: 'zak-for-role-1' } : {};
    await fillForm(page, {
      meeting: '978-759-8180',
      passcode: 'pass123',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      role,
      ...zak,
    });
    const button = page.getByRole('button', { name: role === 1 ? 'Start meeting' : 'Join', exact: true });

    const signerCall = page.waitForResponse((res) => res.url().endsWith('/api/signature'));
    await button.click();
    const signerResponse = await signerCall;

    // What the page sent: the contract's request, meeting number already normalised.
    expect(signerResponse.request().postDataJSON()).toEqual({ meetingNumber: '9787598180', role });
    expect(signerResponse.status()).toBe(200);
    const { signature } = (await signerResponse.json()) as { signature: string };

    // What the SDK sent to Zoom: the very same signature, which verifies with the secret and carries the role.
    await expect.poll(() => zoom.wcInfoRequests.length).toBe(1);
    const sent = zoom.lastJoin();
    expect(sent.get('signature')).toBe(signature);
    expect(sent.get('meetingNumber')).toBe('9787598180');
    expect(sent.get('userName')).toBe('Ada Lovelace');
    expect(sent.get('userEmail')).toBe('ada@example.com');
    expect(sent.get('passWord')).toBe('pass123');
    const { payload } = await jwtVerify(signature, secret, { algorithms: ['HS256'] });
    expect(payload).toMatchObject({ appKey: E2E_KEY, sdkKey: E2E_KEY, mn: '9787598180', role });

    // Zoom (faked) refuses the passcode: the page explains it and gives the form back.
    await expect(page.getByRole('alert')).toContainText('error 3004');
    await expect(page.getByRole('alert')).toContainText('The meeting passcode is wrong.');
    await expect(button).toBeEnabled();
    expect(zoom.refused).toEqual([]);
    // By default the SDK's media libraries come from Zoom's CDN (the self-hosted build: diagnostics.spec.ts).
    expect(zoom.cdnRequests.some((path) => path.includes('/lib/av/'))).toBe(true);
  });
}

const decoded = [
  {
    answer: ZOOM_ANSWERS.invalidSignature,
    code: 3712,
    meaning: 'The signature is invalid.',
    fix: 'Client ID and Client Secret of a Meeting SDK app',
  },
  {
    answer: ZOOM_ANSWERS.expiredSignature,
    code: 3705,
    meaning: 'The signature has expired.',
    fix: 'Sync the server clock (NTP)',
  },
  {
    answer: ZOOM_ANSWERS.meetingNotFound,
    code: 3610,
    meaning: 'The meeting does not exist, or the registrant token expired.',
    fix: 'Check the meeting number',
  },
];

for (const { answer, code, meaning, fix } of decoded) {
  test(`Zoom error ${code} is shown with its meaning and fix, form ready to retry`, async ({ page, zoom }) => {
    zoom.answer = answer;
    await page.goto('/');
    await fillForm(page, { meeting: '123456789', name: 'Grace', passcode: 'secret-pass' });
    await page.getByRole('button', { name: 'Join', exact: true }).click();

    const alert = page.getByRole('alert');
    await expect(alert).toContainText(`error ${code}`);
    await expect(alert).toContainText(meaning);
    await expect(alert).toContainText(fix);
    // The SDK's meeting view (in its frame) is gone; our form is back with the fields kept.
    await expect(page.locator('iframe.meeting-frame:not([hidden])')).toHaveCount(0);
    await expect(page.getByLabel('Meeting number or invite link')).toHaveValue('123456789');
    await expect(page.getByLabel('Passcode')).toHaveValue('secret-pass');
    await expect(page.getByRole('button', { name: 'Join', exact: true })).toBeEnabled();
    await expect(page.getByRole('button', { name: 'Join', exact: true })).toBeInViewport();
  });
}

test('a retry within 10 s waits for Zoom’s join rate limit, then joins again', async ({ page, zoom }) => {
  zoom.answer = ZOOM_ANSWERS.invalidSignature;
  await page.goto('/');
  await fillForm(page, { meeting: '123456789', name: 'Grace' });
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('error 3712');

  // The error arrives within moments of join(), so this retry is well inside Zoom's 10 s window.
  zoom.answer = ZOOM_ANSWERS.meetingNotFound;
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('button', { name: /one try every 10 s/ })).toBeDisabled();
  await expect(page.getByRole('alert')).toContainText('error 3610', { timeout: 20_000 });
  expect(zoom.wcInfoRequests).toHaveLength(2);
  const [first, second] = zoom.wcInfoTimes;
  expect(second! - first!).toBeGreaterThanOrEqual(9_900);
});

test('after leaving a meeting a fresh frame is prepared at once, so joining again is warm', async ({ page, zoom }) => {
  zoom.answer = ZOOM_ANSWERS.meetingNotFound;
  await page.goto('/');
  await fillForm(page, { meeting: '123456789', name: 'Grace' });
  const preparedFrames = () =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLIFrameElement>('iframe.meeting-frame')]
        .filter((frame) => Boolean((frame.contentWindow as { meetingFrame?: unknown } | null)?.meetingFrame))
        .map((frame) => frame.dataset['generation'] ?? 'new'),
    );
  await expect.poll(preparedFrames).toEqual(['new']);
  // Leaving: the SDK sends its frame to the leave URL, as here.
  await page.evaluate(() => {
    const frame = document.querySelector<HTMLIFrameElement>('iframe.meeting-frame')!;
    frame.dataset['generation'] = 'left';
    frame.contentWindow!.location.href = '/meeting.html?left';
  });
  await expect(page.getByText('You left the meeting.')).toBeVisible();
  // Without a click, the spent frame is gone and a new one is there, hidden and prepared.
  await expect.poll(preparedFrames).toEqual(['new']);
  await expect(page.locator('iframe.meeting-frame')).toBeHidden();
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('error 3610');
  expect(zoom.wcInfoRequests).toHaveLength(1);
});
