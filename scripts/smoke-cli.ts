/**
 * The command line of `npm run smoke -- <site-url> [--assets <sdk lib url>] [--meeting <number>] [--timeout <seconds>]
 * [--no-browser]` (scripts/smoke.ts runs it). Checks a deployed copy of this project (or a local `netlify serve`) as a user's browser would and prints what it
 * found, each problem with its fix. Exit code 0 only when joining can work; 1 when it cannot; 2 for bad usage.
 * ZOOM_MEETING_SDK_KEY/SECRET from the environment or .env, when present, must be the ones the site signs with.
 */
import { parseArgs } from 'node:util';
import { SETTINGS } from '../lib/settings.ts';
import { localEnv } from './env-file.ts';
import { formatFindings, joinCanWork, runSmoke, type SmokeOptions } from './smoke-checks.ts';

const USAGE =
  'usage: npm run smoke -- <site-url> [--assets <sdk lib url>] [--meeting <number>] [--timeout <seconds>] [--no-browser]';

/** "my-site.netlify.app/x" → https://my-site.netlify.app/x; null for anything that is not an http(s) address. */
function webUrl(text: string): URL | null {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** The options for one smoke run from the command line, or the reason it cannot run. */
export function parseSmokeArgs(argv: string[]): SmokeOptions | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        assets: { type: 'string' },
        meeting: { type: 'string' },
        timeout: { type: 'string' },
        'no-browser': { type: 'boolean' },
      },
    });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const [target, ...extra] = parsed.positionals;
  if (!target || extra.length > 0) return 'Name exactly one site URL.';
  const site = webUrl(target);
  if (!site) return `${target} is not a web address (https://your-site.netlify.app).`;
  const { assets, meeting, timeout } = parsed.values;
  const assetsUrl = assets === undefined ? undefined : webUrl(assets);
  if (assetsUrl === null) return `--assets ${assets} is not a web address (the SDK's lib/ folder).`;
  if (meeting !== undefined && !/^\d{9,11}$/.test(meeting)) return '--meeting must be 9 to 11 digits.';
  const seconds = timeout === undefined ? undefined : Number(timeout);
  if (seconds !== undefined && !(seconds > 0 && seconds <= 120))
    return '--timeout must be a number of seconds, 1 to 120.';
  return {
    // The site's root: the checks name their own paths.
    site: new URL('/', site),
    local: {
      sdkKey: localEnv(SETTINGS.ZOOM_MEETING_SDK_KEY.name),
      secret: localEnv(SETTINGS.ZOOM_MEETING_SDK_SECRET.name),
    },
    ...(assetsUrl ? { assets: assetsUrl } : {}),
    ...(meeting === undefined ? {} : { meetingNumber: meeting }),
    ...(seconds === undefined ? {} : { timeoutMs: seconds * 1000 }),
    browser: !parsed.values['no-browser'],
  };
}

export async function smokeMain(argv: string[]): Promise<number> {
  const options = parseSmokeArgs(argv);
  if (typeof options === 'string') {
    console.error(`${options}\n${USAGE}`);
    return 2;
  }
  const started = Date.now();
  const findings = await runSmoke(options);
  console.log(formatFindings(findings));
  const ok = joinCanWork(findings);
  console.log(
    `\n${ok ? 'Joining can work' : 'Joining cannot work yet: fix what failed above'} (${options.site.origin}, ${((Date.now() - started) / 1000).toFixed(1)} s).`,
  );
  return ok ? 0 : 1;
}
