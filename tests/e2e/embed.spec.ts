import type { Server } from 'node:http';
import type { Frame, Page } from '@playwright/test';
import { expect, test, ZOOM_ANSWERS } from '../support/fixtures.ts';
import { partitionedStorageLaunchOptions } from '../support/browser.ts';
import { startEmbeddingSite } from '../support/embedding-site.ts';
import { E2E_SECRET, PORTS } from '../support/servers.ts';

// Another site embedding this one (tests/support/embedding-site.ts), in Chromium as it ships: a cross-site frame's
// storage partitioned, not denied (tests/support/browser.ts).
test.use({ launchOptions: partitionedStorageLaunchOptions() });

const LISTED = `http://127.0.0.1:${PORTS.embedder}`;
const UNLISTED = `http://127.0.0.1:${PORTS.unlistedEmbedder}`;
const PASSCODE = 'Embedded-Passcode-42';

let sites: Server[] = [];
test.beforeAll(async () => {
  sites = await Promise.all([startEmbeddingSite(PORTS.embedder), startEmbeddingSite(PORTS.unlistedEmbedder)]);
});
test.afterAll(async () => {
  await Promise.all(sites.map((site) => new Promise((resolve) => site.close(resolve))));
});

interface Received {
  origin: string;
  data: string;
}
type Event = { type: string } & Record<string, unknown>;

const events = (page: Page) => page.evaluate(() => (window as unknown as { events: Event[] }).events);
const received = (page: Page) => page.evaluate(() => (window as unknown as { received: Received[] }).received);
const eventTypes = async (page: Page) => (await events(page)).map((event) => event.type);

/** The embed document: the frame /embed.js made. */
async function embedFrame(page: Page): Promise<Frame> {
  await expect(page.locator('iframe[title="Join a Zoom meeting"]')).toBeAttached();
  await expect.poll(() => page.frames().some((frame) => frame.url().includes('/embed.html'))).toBe(true);
  return page.frames().find((frame) => frame.url().includes('/embed.html'))!;
}

/**
 * Nothing secret in anything the embedding page heard: no signature (a JWT), no passcode, and not the secret the
 * signature is made with. `signature` is the one Zoom received.
 */
async function expectNoSecret(page: Page, signature: string | null): Promise<void> {
  const heard = await received(page);
  expect(heard.length).toBeGreaterThan(0);
  for (const { data } of heard) {
    expect(data).not.toContain(PASSCODE);
    expect(data).not.toContain(E2E_SECRET);
    expect(data).not.toMatch(/eyJ[\w-]+\.eyJ/);
    if (signature) expect(data).not.toContain(signature);
  }
  // Nor in what the page can read back from its own DOM: the frame's URL and the element's attributes.
  const dom = await page.evaluate(() => document.getElementById('slot')!.outerHTML);
  expect(dom).not.toContain(PASSCODE);
}

test('the snippet on another site: preset meeting, the attendee types a name, Zoom’s refusal comes back as a failed event with its explanation, and no message carries a secret', async ({
  page,
  zoom,
}) => {
  zoom.answer = ZOOM_ANSWERS.invalidSignature;
  const warnings: string[] = [];
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  await page.goto(`${LISTED}/`);
  const frame = await embedFrame(page);
  // The meeting is preset and hidden; the name is what the attendee types.
  await expect(frame.getByLabel('Your name')).toBeFocused();
  await expect(frame.getByLabel('Meeting number or invite link')).toBeHidden();
  await expect(frame.getByLabel('Passcode')).toBeHidden();
  await expect.poll(() => eventTypes(page)).toEqual(['ready']);
  expect((await events(page))[0]).toEqual({ type: 'ready', crossOriginIsolated: false });
  expect(warnings.some((text) => text.includes('not cross-origin isolated') && text.includes('gallery'))).toBe(true);
  // Partitioned, not denied: the SDK reads sessionStorage in this cross-site frame.
  expect(await frame.evaluate(() => typeof window.sessionStorage.getItem)).toBe('function');

  await frame.getByLabel('Your name').fill('Embedded Ada');
  await frame.getByRole('button', { name: 'Join', exact: true }).click();
  await expect.poll(() => eventTypes(page)).toEqual(['ready', 'joining', 'failed']);
  expect((await events(page))[1]).toEqual({ type: 'joining', view: 'component' });
  const failed = (await events(page))[2]!;
  expect(failed).toMatchObject({ type: 'failed', code: 3712 });
  for (const part of ['title', 'meaning', 'cause', 'fix']) expect(String(failed[part]).length).toBeGreaterThan(10);
  // The same explanation on the embedded form, which is ready to try again.
  await expect(frame.getByRole('alert')).toContainText('error 3712');
  await expect(frame.getByRole('button', { name: 'Join', exact: true })).toBeEnabled();

  expect(zoom.wcInfoRequests).toHaveLength(1);
  const sent = zoom.lastJoin();
  expect(sent.get('meetingNumber')).toBe('123456789');
  expect(sent.get('userName')).toBe('Embedded Ada');
  expect(sent.get('passWord')).toBe(PASSCODE);
  // Every message came from this site's origin, and none carries a secret.
  expect(new Set((await received(page)).map((message) => message.origin))).toEqual(
    new Set([`http://localhost:${PORTS.signer}`]),
  );
  await expectNoSecret(page, sent.get('signature'));
  // The embed document's enforced policy (the form page's, framed by EMBED_ORIGINS) holds through the join.
  expect(violations.filter((text) => !text.includes('Report-Only'))).toEqual([]);
});

test('component view sits inside the embedding page’s layout; an isolated embedding page gives the frame gallery view', async ({
  page,
  zoom,
}) => {
  zoom.answer = ZOOM_ANSWERS.wrongPasscode;
  // Zoom (faked) holds its answer: the meeting is shown while the embedded client waits for it.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('https://zoom.us/api/v1/wc/info', async (route) => {
    if (route.request().method() === 'POST') await held;
    await route.fallback();
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${LISTED}/?isolated`);
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
  const frame = await embedFrame(page);
  await expect.poll(() => eventTypes(page)).toEqual(['ready']);
  expect((await events(page))[0]).toEqual({ type: 'ready', crossOriginIsolated: true });
  expect(await frame.evaluate(() => window.crossOriginIsolated)).toBe(true);

  await frame.getByLabel('Your name').fill('Grace');
  await frame.getByRole('button', { name: 'Join', exact: true }).click();
  const meeting = frame.locator('iframe.meeting-frame.component');
  await expect(meeting).toBeVisible();
  // The meeting frame is isolated too: SharedArrayBuffer, so gallery view.
  expect(await meeting.evaluate((element: HTMLIFrameElement) => element.contentWindow?.crossOriginIsolated)).toBe(true);
  // The embed frame is where the page put it (beside its 200 px sidebar, 640 × 520), and the meeting fills it.
  const slot = (await page.locator('iframe[title="Join a Zoom meeting"]').boundingBox())!;
  expect(slot).toEqual({ x: 200, y: 0, width: 640, height: 520 });
  const inner = (await meeting.boundingBox())!;
  expect(inner.x).toBeGreaterThanOrEqual(slot.x);
  expect(inner.x + inner.width).toBeLessThanOrEqual(slot.x + slot.width + 1);
  expect(inner.width).toBeGreaterThan(600);
  expect(inner.height).toBeGreaterThan(480);
  release();
  await expect.poll(() => eventTypes(page)).toEqual(['ready', 'joining', 'failed']);
  expect((await events(page))[2]).toMatchObject({ code: 3004 });
  await expectNoSecret(page, zoom.lastJoin().get('signature'));
});

test('leave from the embedding page stops the wait for the host; client view covers the window, then gives the page back', async ({
  page,
  zoom,
}) => {
  zoom.answer = ZOOM_ANSWERS.notStarted;
  await page.setViewportSize({ width: 1280, height: 900 });
  // The ES module and mount(), as the React and Vue examples load it.
  await page.goto(`${LISTED}/module`);
  const frame = await embedFrame(page);
  await expect.poll(() => eventTypes(page)).toEqual(['ready']);
  // No passcode preset: the meeting has none, so no field for it.
  await expect(frame.getByLabel('Passcode')).toBeHidden();
  await frame.getByLabel('Your name').fill('Lin');
  await frame.getByRole('button', { name: 'Join', exact: true }).click();
  await expect.poll(() => eventTypes(page)).toEqual(['ready', 'joining', 'waiting']);
  expect((await events(page))[1]).toEqual({ type: 'joining', view: 'client' });
  const waiting = (await events(page))[2]!;
  expect(String(waiting['reason'])).toMatch(/not started|host/i);
  const iframe = page.locator('iframe[title="Join a Zoom meeting"]');
  expect(await iframe.boundingBox()).toEqual({ x: 0, y: 0, width: 1280, height: 900 });

  await page.evaluate(() => (window as unknown as { handle: { leave(): void } }).handle.leave());
  await expect.poll(() => eventTypes(page)).toEqual(['ready', 'joining', 'waiting', 'left']);
  await expect(frame.getByRole('button', { name: 'Join', exact: true })).toBeEnabled();
  await expect(frame.getByRole('status')).toContainText('Stopped waiting');
  expect((await iframe.boundingBox())!.width).toBe(640);
  // Left means left: no further try reaches Zoom at its 10 s pace.
  const tries = zoom.wcInfoRequests.length;
  await page.waitForTimeout(11_000);
  expect(zoom.wcInfoRequests).toHaveLength(tries);
  // handle.on() heard the same as the element's DOM events.
  expect(await page.evaluate(() => (window as unknown as { handleEvents: Event[] }).handleEvents)).toEqual(
    await events(page),
  );
  await expectNoSecret(page, zoom.lastJoin().get('signature'));
});

test('a site not in EMBED_ORIGINS is refused framing, and told so in its page and by a failed event', async ({
  page,
  zoom,
}) => {
  await page.goto(`${UNLISTED}/`);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('does not allow this page to embed');
  await expect(alert).toContainText(`adds ${UNLISTED} to EMBED_ORIGINS`);
  await expect(page.locator('iframe')).toHaveCount(0);
  const [failed] = await events(page);
  expect(failed).toMatchObject({ type: 'failed', code: null });
  expect(String(failed!['cause'])).toContain('EMBED_ORIGINS');
  // The frame never ran: no message from it, nothing loaded from Zoom.
  expect(await received(page)).toEqual([]);
  expect(zoom.cdnRequests).toEqual([]);
});
