/**
 * `npm run smoke` against the sites playwright.config.ts serves: run as a user runs it (a child process, its table on
 * stdout, its exit code), with this machine's credentials in the environment as they would be in .env.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { SELF_HOSTED_LIB_PATH, ZOOM_SDK_VERSION } from '../../lib/zoom-assets.ts';
import { expect, test } from '../support/fixtures.ts';
import { BYO_PAGE_URL, E2E_KEY, E2E_SECRET, PORTS, UNCONFIGURED_URL } from '../support/servers.ts';

const SIGNER_URL = `http://localhost:${PORTS.signer}`;
/** The self-hosted build's copy of the SDK: where the configured site's check looks, as source.zoom.us is offline here. */
const SELF_HOSTED_LIB = `${BYO_PAGE_URL}${SELF_HOSTED_LIB_PATH}`;

interface Run {
  code: number;
  out: string;
  seconds: number;
}

function smoke(args: string[], local: { key?: string; secret?: string } = {}): Promise<Run> {
  const started = Date.now();
  const env = { ...process.env, ZOOM_MEETING_SDK_KEY: local.key ?? '', ZOOM_MEETING_SDK_SECRET: local.secret ?? '' };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/smoke.ts', ...args],
      { env, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, out: `${stdout}${stderr}`, seconds: (Date.now() - started) / 1000 });
      },
    );
  });
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The table row of one check: its result and text. */
function row(out: string, check: string): { status: string; text: string } {
  const line = out.split('\n').find((l) => l.startsWith(`${check} `));
  expect(line, `a "${check}" row in:\n${out}`).toBeDefined();
  const [status, ...text] = line!.slice(check.length).trim().split(/\s+/);
  return { status: status!, text: text.join(' ') };
}

const neverSecret = (out: string) => {
  expect(out).not.toContain(E2E_SECRET);
  expect(out).not.toMatch(/eyJ[\w-]+\.eyJ/);
};

test('a configured site passes: isolated in Chromium, signing with this machine’s credentials, assets reachable', async () => {
  const run = await smoke([SIGNER_URL, '--assets', SELF_HOSTED_LIB], { key: E2E_KEY, secret: E2E_SECRET });
  test.info().annotations.push({ type: 'smoke duration', description: `${run.seconds.toFixed(1)} s` });
  expect(run.code, run.out).toBe(0);
  for (const check of [
    'reach',
    'headers /',
    'headers /meeting.html',
    'headers /corp/meeting.html',
    'isolation',
    'clock',
    'signature',
    'sdk assets',
  ]) {
    expect(row(run.out, check).status, check).toBe('ok');
  }
  expect(row(run.out, 'isolation').text).toContain('crossOriginIsolated is true');
  expect(row(run.out, 'signature').text).toContain(`Client ID ${E2E_KEY}`);
  expect(row(run.out, 'signature').text).toContain('its HMAC verifies');
  expect(row(run.out, 'sign-in')).toEqual({
    status: 'info',
    text: expect.stringContaining(`${SIGNER_URL}/api/auth/callback`),
  });
  expect(run.out).toContain('Joining can work');
  neverSecret(run.out);
});

test('a site without credentials fails, naming the variables', async () => {
  const run = await smoke([UNCONFIGURED_URL, '--no-browser', '--assets', SELF_HOSTED_LIB]);
  expect(run.code, run.out).toBe(1);
  const signature = row(run.out, 'signature');
  expect(signature.status).toBe('fail');
  expect(signature.text).toContain('ZOOM_MEETING_SDK_KEY and ZOOM_MEETING_SDK_SECRET');
  expect(row(run.out, 'sign-in')).toEqual({ status: 'info', text: expect.stringContaining('is off') });
  // Everything else about it is fine: the failure is the credentials alone.
  expect(row(run.out, 'headers /').status).toBe('ok');
  expect(row(run.out, 'sdk assets').status).toBe('ok');
  expect(run.out).toContain('Joining cannot work yet');
});

test('a site signing with another secret fails, naming the mismatch and printing neither secret', async () => {
  const mine = 'this-machines-own-secret-0123456789abcdef';
  const run = await smoke([SIGNER_URL, '--no-browser', '--assets', SELF_HOSTED_LIB], { key: E2E_KEY, secret: mine });
  expect(run.code, run.out).toBe(1);
  const signature = row(run.out, 'signature');
  expect(signature.status).toBe('fail');
  expect(signature.text).toContain('bad_hmac: the site signs with another ZOOM_MEETING_SDK_SECRET');
  expect(run.out).not.toContain(mine);
  neverSecret(run.out);

  const otherApp = await smoke([SIGNER_URL, '--no-browser', '--assets', SELF_HOSTED_LIB], { key: 'anotherClientId' });
  expect(otherApp.code).toBe(1);
  expect(row(otherApp.out, 'signature').text).toContain(
    `the site signs for Client ID ${E2E_KEY}, this machine’s ZOOM_MEETING_SDK_KEY is anotherClientId`,
  );
});

test('an unreachable address fails within seconds, saying so', async () => {
  const run = await smoke([`http://127.0.0.1:${await closedPort()}`]);
  test.info().annotations.push({ type: 'dead URL failure', description: `${run.seconds.toFixed(1)} s` });
  expect(run.code).toBe(1);
  expect(row(run.out, 'reach')).toEqual({ status: 'fail', text: expect.stringContaining('Could not reach') });
  expect(run.seconds).toBeLessThan(10);
});

test('an unreachable CDN fails with a fix; a self-hosting build is found on the site itself', async () => {
  const cdn = `http://127.0.0.1:${await closedPort()}/${ZOOM_SDK_VERSION}/lib`;
  const blocked = await smoke([SIGNER_URL, '--no-browser', '--assets', cdn], { key: E2E_KEY, secret: E2E_SECRET });
  expect(blocked.code).toBe(1);
  const assets = row(blocked.out, 'sdk assets');
  expect(assets.status).toBe('fail');
  expect(assets.text).toContain(`Could not reach ${cdn}/av/js_media.min.js`);
  expect(assets.text).toContain('VITE_ZOOM_ASSETS=self');

  // The self-hosting build (no functions of its own): its assets are found without --assets.
  const selfHosted = await smoke([BYO_PAGE_URL, '--no-browser']);
  expect(row(selfHosted.out, 'sdk assets')).toEqual({
    status: 'ok',
    text: expect.stringContaining(`this site (${SELF_HOSTED_LIB}/)`),
  });
  expect(row(selfHosted.out, 'signature').status).toBe('fail');
});
