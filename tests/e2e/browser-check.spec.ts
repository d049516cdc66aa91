/**
 * "Check this browser" (issue #17): the SDK's own check in the prepared meeting frame, isolation, camera and
 * microphone, the SDK's files at (faked) Zoom's CDN, the signer's clock, and the preview on request.
 */
import { fakeMediaLaunchOptions } from '../support/browser.ts';
import { expect, fillForm, test } from '../support/fixtures.ts';

// Chromium's fake camera and microphone, already allowed: what a user who clicked "Allow" has.
test.use({
  launchOptions: fakeMediaLaunchOptions,
  permissions: ['camera', 'microphone'],
});

test('reports the SDK’s check, isolation, camera and microphone, the SDK files and the clock, each with its meaning', async ({
  page,
  zoom,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Check this browser' }).click();
  const results = page.locator('#browser-check-results');
  await expect(results.locator('li')).toHaveCount(6);
  // The real SDK's verdict on this Chromium (on Linux it lists "Be remote controlled" as not supported): named, with
  // the platform it saw, never a failure.
  await expect(results.locator('li').first()).toHaveText(
    /^The SDK (supports this browser|reports these as not supported) on Chrome ?\d+/,
  );
  await expect(results).toContainText(
    'This page is cross-origin isolated. Gallery view, HD video and virtual backgrounds are available.',
  );
  await expect(results).toContainText(/Camera: allowed \(\d+ found\)\. The meeting can use your camera/);
  await expect(results).toContainText(/Microphone: allowed \(\d+ found\)\./);
  await expect(results).toContainText('The SDK’s media files load from source.zoom.us.');
  await expect(results).toContainText(/clock is within 60 s of the signer’s/);
  expect(await results.locator('li[data-verdict="problem"]').count()).toBe(0);
  // The file it probed came from (faked) Zoom's CDN, for this SDK version.
  expect(zoom.cdnRequests.some((url) => url.endsWith('/lib/av/js_media.min.js'))).toBe(true);

  await page.getByRole('button', { name: 'Preview camera and microphone' }).click();
  const video = page.locator('#device-preview');
  await expect(video).toBeVisible();
  await expect
    .poll(() =>
      video.evaluate((element: HTMLVideoElement) =>
        (element.srcObject as MediaStream | null)
          ?.getTracks()
          .map((t) => t.kind)
          .sort(),
      ),
    )
    .toEqual(['audio', 'video']);
  await page.getByRole('button', { name: 'Stop preview' }).click();
  await expect(video).toBeHidden();

  // A preview still running when Join is clicked ends: the meeting gets the camera, and no light stays on.
  await page.getByRole('button', { name: 'Preview camera and microphone' }).click();
  await expect(video).toBeVisible();
  const tracks = await video.evaluate(
    (element: HTMLVideoElement) =>
      ((window as unknown as { previewTracks: MediaStreamTrack[] }).previewTracks = (
        element.srcObject as MediaStream
      ).getTracks()).length,
  );
  expect(tracks).toBe(2);
  await fillForm(page, { meeting: '123456789', name: 'Previewer' });
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('error 3004');
  await expect(video).toBeHidden();
  expect(
    await page.evaluate(() =>
      (window as unknown as { previewTracks: MediaStreamTrack[] }).previewTracks.map((track) => track.readyState),
    ),
  ).toEqual(['ended', 'ended']);
});

test.describe('when things are not ready', () => {
  test.use({ permissions: [] });

  // No permission granted: headless Chromium answers "denied", as a browser does after the user clicked "Block".
  test('camera and microphone blocked, and Zoom’s CDN blocked: each line says so, with what to do', async ({
    page,
  }) => {
    // A firewall in front of source.zoom.us (registered after the fake cloud, so it wins for this host).
    await page.route('https://source.zoom.us/**', (route) => route.abort('blockedbyclient'));
    await page.goto('/');
    await page.getByRole('button', { name: 'Check this browser' }).click();
    const results = page.locator('#browser-check-results');
    await expect(results.locator('li')).toHaveCount(6);
    await expect(
      results.locator('li[data-verdict="problem"]', { hasText: 'Camera: blocked for this site.' }),
    ).toContainText('Allow the camera in the site settings');
    await expect(
      results.locator('li[data-verdict="problem"]', { hasText: 'Microphone: blocked for this site.' }),
    ).toContainText('Others will not hear you');
    const files = results.locator('li[data-verdict="problem"]', {
      hasText: 'media files cannot be loaded from source.zoom.us',
    });
    await expect(files).toContainText('VITE_ZOOM_ASSETS=self');
    await expect(page.getByRole('button', { name: 'Check this browser' })).toBeEnabled();
  });
});
