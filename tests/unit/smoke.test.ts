/**
 * The smoke check's judgements against sites that are wrong in one way each: a loopback HTTP server plays the site
 * (the real thing, `netlify serve`, is in tests/e2e/smoke.spec.ts). No browser here (`browser: false`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signMeetingSdkJwt } from '../../functions/_lib/sign-jwt.ts';
import { SELF_HOSTED_LIB_PATH, ZOOM_SDK_VERSION } from '../../lib/zoom-assets.ts';
import { parseSmokeArgs } from '../../scripts/smoke-cli.ts';
import { formatFindings, joinCanWork, runSmoke, sdkLibFromPage, type Finding } from '../../scripts/smoke-checks.ts';
import { TEST_KEY, TEST_SECRET, closedPort } from './helpers.ts';

interface SiteBehaviour {
  isolation: boolean;
  clockOffsetMs: number;
  signer: 'ok' | 'missing' | 'expired';
  selfHosted: boolean;
  /** Any other path answers 200 with the page, as a single-page app's catch-all does. */
  catchAll: boolean;
}

const site: SiteBehaviour = { isolation: true, clockOffsetMs: 0, signer: 'ok', selfHosted: true, catchAll: false };
let server: Server;
let base: URL;

function answer(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  res.setHeader('date', new Date(Date.now() + site.clockOffsetMs).toUTCString());
  if (path === '/' || path === '/meeting.html' || path === '/corp/meeting.html') {
    if (site.isolation) {
      res.setHeader('cross-origin-opener-policy', 'same-origin');
      res.setHeader('cross-origin-embedder-policy', path.startsWith('/corp/') ? 'require-corp' : 'credentialless');
    }
    res.setHeader('content-type', 'text/html');
    return void res.end('<!doctype html><title>page</title>');
  }
  if (path === '/api/signature' && req.method === 'POST') {
    if (site.signer === 'missing') {
      res.statusCode = 404;
      return void res.end('Not Found');
    }
    const nowMs = site.signer === 'expired' ? Date.now() - 3 * 3600_000 : Date.now();
    const { token, claims } = signMeetingSdkJwt({
      sdkKey: TEST_KEY,
      secret: TEST_SECRET,
      meetingNumber: '123456789',
      role: 0,
      expirationSeconds: 1800,
      nowMs,
    });
    res.setHeader('content-type', 'application/json');
    return void res.end(
      JSON.stringify({ signature: token, sdkKey: TEST_KEY, expiresAt: new Date(claims.exp * 1000).toISOString() }),
    );
  }
  if (site.selfHosted && path.startsWith(`${SELF_HOSTED_LIB_PATH}/`)) {
    res.setHeader('content-type', 'text/javascript');
    return void res.end('// sdk');
  }
  if (site.catchAll) {
    res.setHeader('content-type', 'text/html');
    return void res.end('<!doctype html><title>page</title>');
  }
  res.statusCode = 404;
  res.end('Not Found');
}

beforeAll(async () => {
  server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = new URL(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() =>
  Object.assign(site, { isolation: true, clockOffsetMs: 0, signer: 'ok', selfHosted: true, catchAll: false }),
);

const smoke = (local = { sdkKey: TEST_KEY, secret: TEST_SECRET }) =>
  runSmoke({ site: base, local, browser: false, timeoutMs: 3000 });
const finding = (findings: Finding[], check: string) => findings.find((f) => f.check === check);

describe('smoke check', () => {
  it('passes a site that gets everything right', async () => {
    const findings = await smoke();
    expect(joinCanWork(findings), formatFindings(findings)).toBe(true);
    expect(finding(findings, 'sdk assets')?.detail).toContain(
      `this site (${new URL(`${SELF_HOSTED_LIB_PATH}/`, base).href})`,
    );
    expect(finding(findings, 'sign-in')?.status).toBe('info');
  });

  it('fails without the isolation headers, with the fix', async () => {
    site.isolation = false;
    const findings = await smoke();
    expect(joinCanWork(findings)).toBe(false);
    expect(finding(findings, 'headers /')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('Cross-Origin-Opener-Policy is missing'),
    });
    expect(finding(findings, 'headers /')?.fix).toContain('netlify.toml');
  });

  it('fails when the site’s clock is ahead of the back-dating, and passes small skew', async () => {
    site.clockOffsetMs = 5_000;
    expect(finding(await smoke(), 'clock')?.status).toBe('ok');
    site.clockOffsetMs = 120_000;
    const clock = finding(await smoke(), 'clock');
    expect(clock?.status).toBe('fail');
    expect(clock?.detail).toMatch(/clock is 1[12]\d s ahead/);
  });

  it('fails a site without the signature function, or with an expired signature', async () => {
    site.signer = 'missing';
    expect(finding(await smoke(), 'signature')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('answered 404'),
    });
    site.signer = 'expired';
    expect(finding(await smoke(), 'signature')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('expired:'),
    });
  });

  it('passes without a local secret, saying the HMAC was not verified', async () => {
    const findings = await smoke({ sdkKey: TEST_KEY, secret: '' });
    expect(finding(findings, 'signature')).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining('HMAC not verified'),
    });
  });

  it('fails with a fix when the SDK’s files cannot be reached (an offline CDN, named by --assets)', async () => {
    site.selfHosted = false;
    const cdn = `http://127.0.0.1:${await closedPort()}/x/lib`;
    const findings = await runSmoke({ site: base, browser: false, timeoutMs: 3000, assets: new URL(cdn) });
    expect(finding(findings, 'sdk assets')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining(`Could not reach ${cdn}/av/js_media.min.js (ECONNREFUSED)`),
    });
    expect(finding(findings, 'sdk assets')?.fix).toContain('VITE_ZOOM_ASSETS=self');
  });

  it('gives up on a site that accepts connections but never answers, after the timeout', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      const findings = await runSmoke({
        site: new URL(`http://127.0.0.1:${(silent.address() as { port: number }).port}/`),
        timeoutMs: 1000,
      });
      expect(Date.now() - started).toBeLessThan(3000);
      expect(findings).toEqual([
        expect.objectContaining({
          check: 'reach',
          status: 'fail',
          detail: expect.stringContaining('(no answer in time)'),
        }),
      ]);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('follows the site’s redirect (http → https, a custom domain) before posting to it', async () => {
    const redirector = createServer((req, res) =>
      res.writeHead(301, { location: new URL(req.url ?? '/', base).href }).end(),
    );
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    try {
      const from = new URL(`http://127.0.0.1:${(redirector.address() as { port: number }).port}/`);
      const findings = await runSmoke({
        site: from,
        local: { sdkKey: TEST_KEY, secret: TEST_SECRET },
        browser: false,
        timeoutMs: 3000,
      });
      expect(finding(findings, 'reach')?.detail).toContain(
        `${from.href} redirects to ${base.href}; it answered 200 in`,
      );
      expect(joinCanWork(findings), formatFindings(findings)).toBe(true);
    } finally {
      await new Promise((resolve) => redirector.close(resolve));
    }
  });

  it('does not take a catch-all page for the SDK’s files', async () => {
    Object.assign(site, { selfHosted: false, catchAll: true });
    const lib = new URL(`${SELF_HOSTED_LIB_PATH}`, base);
    const findings = await runSmoke({ site: base, browser: false, timeoutMs: 3000, assets: lib });
    expect(finding(findings, 'sdk assets')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('answered with an HTML page'),
    });
  });

  it('prints no secret in its table', async () => {
    site.signer = 'ok';
    const text = formatFindings(await smoke({ sdkKey: TEST_KEY, secret: 'a-different-secret-0123456789abcdef' }));
    expect(text).toContain('bad_hmac');
    expect(text).not.toContain(TEST_SECRET);
    expect(text).not.toContain('a-different-secret');
    expect(text).not.toMatch(/eyJ[\w-]+\./);
  });
});

describe('smoke command line', () => {
  it('reads a bare host as https and keeps only the site root', () => {
    const options = parseSmokeArgs(['my-site.netlify.app/some/page']);
    expect(typeof options === 'string' ? options : options.site.href).toBe('https://my-site.netlify.app/');
  });

  it.each([
    [[], 'Name exactly one site URL.'],
    [['a', 'b'], 'Name exactly one site URL.'],
    [['ftp://x'], 'ftp://x is not a web address'],
    [['x', '--meeting', '12'], '--meeting must be 9 to 11 digits.'],
    [['x', '--timeout', 'soon'], '--timeout must be a number of seconds'],
    [['x', '--assets', 'mailto:x'], '--assets mailto:x is not a web address'],
  ])('refuses %j', (argv, message) => {
    expect(parseSmokeArgs(argv)).toEqual(expect.stringContaining(message));
  });
});

describe('the CDN a site’s page names (Zoom for Government, China)', () => {
  it('takes the SDK files’ CDN from the form page’s preconnect, else none', () => {
    const page = (hrefs: string[]) =>
      hrefs.map((href) => `<link rel="preconnect" href="${href}" crossorigin />`).join('\n');
    expect(sdkLibFromPage(page(['https://source.zoomgov.com', 'https://www.zoomgov.com']))?.href).toBe(
      `https://source.zoomgov.com/${ZOOM_SDK_VERSION}/lib/`,
    );
    expect(sdkLibFromPage(page(['https://jssdk.zoomus.cn', 'https://zoom.us']))?.href).toBe(
      `https://jssdk.zoomus.cn/${ZOOM_SDK_VERSION}/lib/`,
    );
    // A self-hosting build names only Zoom's endpoint; a page naming some other host is not trusted as a CDN.
    expect(sdkLibFromPage(page(['https://zoom.us']))).toBeNull();
    expect(sdkLibFromPage(page(['https://cdn.evil.example']))).toBeNull();
    expect(sdkLibFromPage('<!doctype html><title>page</title>')).toBeNull();
  });
});
