/**
 * The post-deploy check (`npm run smoke -- <site-url>`; `npm run deploy` runs it too): what a user's browser needs
 * from a deployed copy of this project, each finding with what it means and how to fix it. Joining can work only
 * when none fails. Never prints a secret: the signature itself stays in memory, only its public claims are named.
 */
import { FRAME_REQUIRE_CORP_PREFIX } from '../lib/isolation.ts';
import { existsSync } from 'node:fs';
import { inspectSignature } from '../lib/check-signature.ts';
import { SIGNATURE_PROBLEMS } from '../lib/errors/signature-problems.ts';
import { ErrorBody, SIGNATURE_PATH, SignatureResponse } from '../lib/contract.ts';
import { AUTH_PATHS } from '../lib/auth-contract.ts';
import { SELF_HOSTED_LIB_PATH, ZOOM_CDN_LIB_URL, ZOOM_SDK_VERSION } from '../lib/zoom-assets.ts';
import { ZOOM_CDN_ORIGINS } from '../lib/zoom-cloud.ts';
import { IAT_BACKDATE_SECONDS, verifyHs256 } from '../lib/node/hs256.ts';
import { SETTINGS as VARIABLES } from '../lib/settings.ts';
import { failed, succeeded, type Result } from '../lib/result.ts';

type Status = 'ok' | 'fail' | 'info';

export interface Finding {
  check: string;
  status: Status;
  /** What was found and what it means. */
  detail: string;
  fix?: string;
}

export interface SmokeOptions {
  site: URL;
  /** The Client ID and Secret this machine knows (environment or .env), to check the site signs with the same. */
  local?: { sdkKey?: string | undefined; secret?: string | undefined };
  /** The SDK's lib/ folder to check instead of the site's own copy or Zoom's CDN. */
  assets?: URL;
  /** Per request; a site that does not answer within it counts as unreachable. */
  timeoutMs?: number;
  /** Confirm cross-origin isolation in Chromium (default true). */
  browser?: boolean;
  /** A meeting number the signer may sign for (only matters with ZOOM_ALLOWED_MEETINGS on the site). */
  meetingNumber?: string;
}

/** Any well-formed meeting number: the signer never contacts Zoom, so none has to exist. */
const PROBE_MEETING = '123456789';
/** What the SDK loads first from its lib/ folder (the media engine and the UI's language file). */
const PROBE_ASSETS = ['av/js_media.min.js', 'lang/en-US.json'];
const KEY_VAR = VARIABLES.ZOOM_MEETING_SDK_KEY.name;
const SECRET_VAR = VARIABLES.ZOOM_MEETING_SDK_SECRET.name;
const SETTINGS = 'Netlify → Site configuration → Environment variables, then Deploys → Trigger deploy';

const describeError = (error: unknown): string => {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof Error && cause.name === 'TimeoutError') return 'no answer in time';
  const code = cause !== null && typeof cause === 'object' && 'code' in cause ? String(cause.code) : '';
  return code || (cause instanceof Error ? cause.message : String(cause));
};

/** An answer and how long it took, or why there was none (a network error's code). */
type Fetched = Result<{ response: Response; ms: number }, string>;

async function get(url: URL | string, timeoutMs: number, init: RequestInit = {}): Promise<Fetched> {
  const started = Date.now();
  try {
    const response = await fetch(url, { redirect: 'follow', ...init, signal: AbortSignal.timeout(timeoutMs) });
    return succeeded({ response, ms: Date.now() - started });
  } catch (error) {
    return failed(describeError(error));
  }
}

async function jsonOf(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** Our functions' `{ error: { code, message } }`, or null for anything else (another backend, an HTML 404). */
function errorOf(body: unknown): { code: string; message: string } | null {
  const parsed = ErrorBody.safeParse(body);
  return parsed.success ? parsed.data.error : null;
}

const COOP = 'same-origin';
const COEP = ['credentialless', 'require-corp'];

/** `/corp/meeting.html`: the meeting frame Safari and every iOS browser get, isolated by require-corp only (lib/isolation.ts). */
const WEBKIT_FRAME = `${FRAME_REQUIRE_CORP_PREFIX}/meeting.html`;

function isolationHeaders(path: string, response: Response, accepted = COEP): Finding {
  const coop = response.headers.get('cross-origin-opener-policy');
  const coep = response.headers.get('cross-origin-embedder-policy');
  const check = `headers ${path}`;
  if (coop === COOP && coep && accepted.includes(coep)) {
    return {
      check,
      status: 'ok',
      detail: `Cross-Origin-Opener-Policy: ${coop}, Cross-Origin-Embedder-Policy: ${coep}.`,
    };
  }
  return {
    check,
    status: 'fail',
    detail:
      `Cross-Origin-Opener-Policy is ${coop ?? 'missing'}, Cross-Origin-Embedder-Policy is ${coep ?? 'missing'}: ` +
      `without same-origin + ${accepted.join('/')} the SDK has no SharedArrayBuffer (no gallery view, no virtual background)` +
      (path === WEBKIT_FRAME ? ' in Safari and on every iPhone.' : '.'),
    fix:
      'Deploy with this project’s build and netlify.toml (the build writes each document’s headers to dist/_headers, and ' +
      'the /corp/ copies of the frames); another host must send both headers with each page as dist/_headers lists them.',
  };
}

/** The site's clock against this machine's, from the Date header (1 s resolution, taken mid-request). */
function clockSkew(response: Response, requestStartedMs: number, ms: number): Finding {
  const date = Date.parse(response.headers.get('date') ?? '');
  if (Number.isNaN(date))
    return { check: 'clock', status: 'info', detail: 'The site sent no Date header: skew not measured.' };
  const skew = Math.round((date - (requestStartedMs + ms / 2)) / 1000);
  const detail = `The site’s clock is ${Math.abs(skew)} s ${skew >= 0 ? 'ahead of' : 'behind'} this machine’s.`;
  if (Math.abs(skew) <= IAT_BACKDATE_SECONDS) return { check: 'clock', status: 'ok', detail };
  return {
    check: 'clock',
    status: 'fail',
    detail: `${detail} Signatures are back-dated only ${IAT_BACKDATE_SECONDS} s: Zoom may refuse them (3705/3712).`,
    fix: 'Sync whichever clock is wrong (NTP): Zoom compares the signature’s iat with its own clock.',
  };
}

async function signatureChecks(
  options: Required<Pick<SmokeOptions, 'site' | 'timeoutMs'>> & SmokeOptions,
): Promise<Finding> {
  const check = 'signature';
  const meetingNumber = options.meetingNumber ?? PROBE_MEETING;
  const result = await get(new URL(SIGNATURE_PATH, options.site), options.timeoutMs, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ meetingNumber, role: 0 }),
  });
  if (!result.ok)
    return {
      check,
      status: 'fail',
      detail: `POST ${SIGNATURE_PATH} got no answer (${result.problem}).`,
      fix: 'Check the function log (Netlify → Logs → Functions).',
    };
  const { response } = result.value;
  const body = await jsonOf(response);
  const error = errorOf(body);
  if (response.status === 404 || (!error && response.status !== 200)) {
    return {
      check,
      status: 'fail',
      detail: `POST ${SIGNATURE_PATH} answered ${response.status}${error ? ` ${error.code}` : ''}: the signature function is not deployed here.`,
      fix: 'Deploy with this project’s netlify.toml and `npm run build`, which bundles functions/ into build/functions/.',
    };
  }
  if (error?.code === 'signer_not_configured') {
    // Our own message: it names the missing variables and nothing else.
    return {
      check,
      status: 'fail',
      detail: `The site cannot sign: ${error.message}`,
      fix: `Set ${KEY_VAR} and ${SECRET_VAR} in ${SETTINGS}.`,
    };
  }
  if (error?.code === 'meeting_not_allowed') {
    return {
      check,
      status: 'fail',
      detail: `The signer refused meeting ${meetingNumber}: ZOOM_ALLOWED_MEETINGS is set on the site.`,
      fix: 'Run the check with one of those meetings: npm run smoke -- <site> --meeting <number>.',
    };
  }
  if (error)
    return {
      check,
      status: 'fail',
      detail: `POST ${SIGNATURE_PATH} answered ${response.status} ${error.code}.`,
      fix: 'See the function log (Netlify → Logs → Functions) for this request.',
    };

  const signed = SignatureResponse.safeParse(body);
  if (!signed.success)
    return {
      check,
      status: 'fail',
      detail: `POST ${SIGNATURE_PATH} answered 200 without { signature, sdkKey, expiresAt }.`,
      fix: 'Deploy this project’s functions/signature.ts.',
    };
  const { signature } = signed.data;
  const inspection = inspectSignature(signature, { meetingNumber, role: 0 });
  const problems = inspection.problems.map((p) => `${p.code}: ${p.cause} (${p.fix})`);
  const appKey = inspection.claims?.['appKey'];
  const { sdkKey, secret } = options.local ?? {};
  if (sdkKey && appKey !== sdkKey) {
    problems.push(
      `secret_key_mismatch: the site signs for Client ID ${String(appKey)}, this machine’s ${KEY_VAR} is ${sdkKey}.`,
    );
  }
  if (secret && inspection.format === 'jwt' && !verifyHs256(signature, secret)) {
    problems.push(
      `bad_hmac: the site signs with another ${SECRET_VAR} than this machine’s. ${SIGNATURE_PROBLEMS.bad_hmac.fix}`,
    );
  }
  if (problems.length > 0) {
    return {
      check,
      status: 'fail',
      detail: `The site’s signature would not join: ${problems.join(' ')}`,
      fix: `Set the Client ID and Secret of one Meeting SDK app, the same in .env and in ${SETTINGS}.`,
    };
  }
  const verified = secret
    ? `its HMAC verifies with this machine’s ${SECRET_VAR}`
    : `HMAC not verified (no ${SECRET_VAR} here)`;
  return {
    check,
    status: 'ok',
    detail: `An HS256 JWT for Client ID ${String(appKey)} with every claim Zoom expects; ${verified}.`,
    ...(secret ? {} : { fix: `Put ${SECRET_VAR} in the environment or .env to verify the HMAC too.` }),
  };
}

async function signInCheck(site: URL, timeoutMs: number): Promise<Finding> {
  const check = 'sign-in';
  const result = await get(new URL(AUTH_PATHS.session, site), timeoutMs);
  if (!result.ok)
    return { check, status: 'info', detail: `GET ${AUTH_PATHS.session} got no answer (${result.problem}).` };
  const error = errorOf(await jsonOf(result.value.response));
  if (result.value.response.ok) {
    return {
      check,
      status: 'info',
      detail: `"Sign in with Zoom" is configured. Its OAuth redirect URL: ${new URL(AUTH_PATHS.callback, site).href} (unless ZOOM_OAUTH_REDIRECT_URL names another).`,
      fix: 'Register exactly that URL in the Marketplace app (OAuth Redirect URL and Allow List).',
    };
  }
  if (error?.code === 'sign_in_not_configured') {
    return {
      check,
      status: 'info',
      detail: '"Sign in with Zoom" is off (joining with a signature works without it).',
      fix: `To turn it on, set SESSION_SECRET (32+ random characters) in ${SETTINGS}.`,
    };
  }
  return {
    check,
    status: 'info',
    detail: `GET ${AUTH_PATHS.session} answered ${result.value.response.status}: this site has no sign-in functions.`,
  };
}

/** A single-page app's catch-all (or a 200 error page) answers any path with HTML: that is not the SDK's file. */
const isHtml = (response: Response) => response.headers.get('content-type')?.includes('text/html') ?? false;

/** Whether the site serves the SDK's files itself (a VITE_ZOOM_ASSETS=self build), judged by one real file. */
async function selfHostedLib(site: URL, timeoutMs: number): Promise<URL | null> {
  const lib = new URL(`${SELF_HOSTED_LIB_PATH}/`, site);
  const result = await get(new URL(PROBE_ASSETS[0]!, lib), timeoutMs);
  if (!result.ok) return null;
  await result.value.response.body?.cancel();
  return result.value.response.ok && !isHtml(result.value.response) ? lib : null;
}

/**
 * The CDN a build takes the SDK's files from, as its form page names it: the page preconnects to that CDN
 * (vite-plugins/document-headers-plugin.ts), so a Zoom for Government or China CDN build is checked against its own.
 */
export function sdkLibFromPage(html: string): URL | null {
  const preconnects = [...html.matchAll(/<link rel="preconnect" href="([^"]+)"/g)].map((match) => match[1]);
  const cdn = preconnects.find((href) => href !== undefined && ZOOM_CDN_ORIGINS.includes(href));
  return cdn ? new URL(`${cdn}/${ZOOM_SDK_VERSION}/lib/`) : null;
}

async function assetsCheck(
  options: Required<Pick<SmokeOptions, 'site' | 'timeoutMs'>> & SmokeOptions,
  pageLib: URL | null,
): Promise<Finding> {
  const check = 'sdk assets';
  const own = options.assets ? null : await selfHostedLib(options.site, options.timeoutMs);
  const lib = options.assets ?? own ?? pageLib ?? new URL(`${ZOOM_CDN_LIB_URL}/`);
  const base = lib.href.endsWith('/') ? lib : new URL(`${lib.href}/`);
  const where = base.origin === options.site.origin ? 'this site' : base.host;
  const fix = own
    ? 'Rebuild with VITE_ZOOM_ASSETS=self so the build copies the installed SDK’s lib/ folder, then redeploy.'
    : `Allow ${base.host} in the network (firewall, proxy, ad blocker), or self-host the SDK’s files: set VITE_ZOOM_ASSETS=self and redeploy.`;
  for (const file of PROBE_ASSETS) {
    const url = new URL(file, base);
    // As the SDK fetches them from the page: with the page's Origin, so CORS counts.
    const result = await get(url, options.timeoutMs, { headers: { origin: options.site.origin } });
    if (!result.ok)
      return {
        check,
        status: 'fail',
        detail: `Could not reach ${url.href} (${result.problem}): the SDK cannot load.`,
        fix,
      };
    await result.value.response.body?.cancel();
    if (!result.value.response.ok)
      return {
        check,
        status: 'fail',
        detail: `${url.href} answered ${result.value.response.status}: the SDK cannot load.`,
        fix,
      };
    if (isHtml(result.value.response))
      return {
        check,
        status: 'fail',
        detail: `${url.href} answered with an HTML page (a catch-all), not the SDK’s file.`,
        fix,
      };
    const crossOrigin = url.origin !== options.site.origin;
    if (crossOrigin && !result.value.response.headers.get('access-control-allow-origin')) {
      return {
        check,
        status: 'fail',
        detail: `${url.href} sends no Access-Control-Allow-Origin: the SDK’s fetches of its files are blocked.`,
        fix: `Serve the files with Access-Control-Allow-Origin (or from this site: VITE_ZOOM_ASSETS=self).`,
      };
    }
  }
  return { check, status: 'ok', detail: `The SDK’s files load from ${where} (${base.href}).` };
}

/** Chromium where it is installed (offline machines, CI), Playwright's own browser otherwise. */
const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

async function isolationInBrowser(site: URL, timeoutMs: number): Promise<Finding> {
  const check = 'isolation';
  const playwright = await import('playwright-core').catch(() => null);
  if (!playwright)
    return {
      check,
      status: 'info',
      detail: 'Not confirmed in a browser: playwright-core is not installed (run npm ci).',
    };
  let browser;
  try {
    browser = await playwright.chromium.launch({
      ...(SYSTEM_CHROMIUM ? { executablePath: SYSTEM_CHROMIUM } : {}),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      timeout: 30_000,
    });
  } catch {
    return {
      check,
      status: 'info',
      detail: 'Not confirmed in a browser: Chromium did not start.',
      fix: 'Install it: npx playwright install chromium.',
    };
  }
  try {
    const page = await browser.newPage();
    // Only the document matters here: nothing else may load (the frame would start downloading 5 MB of SDK).
    await page.route(/.*/, (route) =>
      new URL(route.request().url()).origin === site.origin && route.request().resourceType() === 'document'
        ? route.continue()
        : route.abort(),
    );
    const notIsolated: string[] = [];
    for (const path of ['/', '/meeting.html']) {
      await page.goto(new URL(path, site).href, { waitUntil: 'domcontentloaded', timeout: timeoutMs * 2 });
      // Runs in the page; this script's own (Node) types have no `window`.
      if (!(await page.evaluate(() => (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true)))
        notIsolated.push(path);
    }
    if (notIsolated.length === 0)
      return { check, status: 'ok', detail: 'crossOriginIsolated is true in Chromium on / and /meeting.html.' };
    return {
      check,
      status: 'fail',
      detail: `crossOriginIsolated is false in Chromium on ${notIsolated.join(' and ')}: no gallery view or virtual background.`,
      fix: 'Serve the pages over HTTPS (or localhost) with this project’s netlify.toml headers.',
    };
  } catch (error) {
    return {
      check,
      status: 'fail',
      detail: `Chromium could not open the page (${describeError(error)}).`,
      fix: 'Open the site in a browser and check its console.',
    };
  } finally {
    await browser.close();
  }
}

export async function runSmoke(input: SmokeOptions): Promise<Finding[]> {
  const options = { timeoutMs: 8000, browser: true, ...input };
  const started = Date.now();
  const page = await get(options.site, options.timeoutMs);
  if (!page.ok) {
    return [
      {
        check: 'reach',
        status: 'fail',
        detail: `Could not reach ${options.site.href} (${page.problem}).`,
        fix: 'Check the address, and that the site is deployed (or `netlify serve` is running).',
      },
    ];
  }
  const html = await page.value.response.text().catch(() => '');
  // http:// → https://, or a custom domain: the rest goes where the browser ends up (a redirected POST would turn
  // into a GET).
  const landed = new URL('/', page.value.response.url || options.site);
  if (landed.origin !== options.site.origin) options.site = landed;
  if (!page.value.response.ok) {
    return [
      {
        check: 'reach',
        status: 'fail',
        detail: `${options.site.href} answered ${page.value.response.status}.`,
        fix: 'Check the address and the latest deploy (Netlify → Deploys).',
      },
    ];
  }
  const frame = await get(new URL('/meeting.html', options.site), options.timeoutMs);
  if (frame.ok) await frame.value.response.body?.cancel();
  const webkitFrame = await get(new URL(WEBKIT_FRAME, options.site), options.timeoutMs);
  if (webkitFrame.ok) await webkitFrame.value.response.body?.cancel();
  const findings: Finding[] = [
    {
      check: 'reach',
      status: 'ok',
      detail: `${options.site === input.site ? options.site.href : `${input.site.href} redirects to ${options.site.href}; it`} answered 200 in ${page.value.ms} ms.`,
    },
    isolationHeaders('/', page.value.response),
    frame.ok
      ? isolationHeaders('/meeting.html', frame.value.response)
      : { check: 'headers /meeting.html', status: 'fail', detail: `No answer (${frame.problem}).` },
    webkitFrame.ok
      ? isolationHeaders(WEBKIT_FRAME, webkitFrame.value.response, ['require-corp'])
      : { check: `headers ${WEBKIT_FRAME}`, status: 'fail', detail: `No answer (${webkitFrame.problem}).` },
  ];
  if (options.browser) findings.push(await isolationInBrowser(options.site, options.timeoutMs));
  findings.push(
    clockSkew(page.value.response, started, page.value.ms),
    await signatureChecks(options),
    await signInCheck(options.site, options.timeoutMs),
    await assetsCheck(options, sdkLibFromPage(html)),
  );
  return findings;
}

export const joinCanWork = (findings: Finding[]): boolean => findings.every((finding) => finding.status !== 'fail');

/** A plain-text table: check | result | what it means (+ fix), aligned for a terminal. */
export function formatFindings(findings: Finding[]): string {
  const rows = [
    ['check', 'result', 'what it means'],
    ...findings.map((f) => [f.check, f.status, f.fix ? `${f.detail} Fix: ${f.fix}` : f.detail]),
  ];
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => `${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padEnd(widths[1]!)}  ${row[2]}`;
  return [
    line(rows[0]!),
    line(['-'.repeat(widths[0]!), '-'.repeat(widths[1]!), '-'.repeat(13)]),
    ...rows.slice(1).map(line),
  ].join('\n');
}
