/**
 * Every setting of the site in one table, in the order of the README's table (a unit test holds the two together):
 * who reads it, whether it is required, and what it accepts. Each has a parser that fails closed: a value of the wrong shape is refused
 * with a message naming the variable and what it accepts, never read as something else or as "unset". Three readers
 * use the parsers: the functions (a 503 `setting_invalid` on the routes that read the setting,
 * functions/_lib/settings.ts), the build (vite.config.ts stops), and `npm run deploy` (stops before deploying).
 * Messages never quote the value: a secret pasted into the wrong variable must not reach a page or a log.
 */
import { AUTH_PATHS } from './auth-contract.ts';
import { MAX_EXPIRATION_SECONDS, MIN_EXPIRATION_SECONDS, normaliseMeetingNumber } from './contract.ts';
import { joinTimeout } from './join-deadline.ts';
import { maxWait } from './max-wait.ts';
import type { SecondsSetting } from './seconds-setting.ts';
import { secondsSetting } from './seconds-setting.ts';
import { zoomCloud, type ZoomCloud } from './zoom-cloud.ts';

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export interface Setting<T> {
  name: string;
  /** The Vite build (inlined into the page: never a secret), the functions, or both. */
  readBy: 'build' | 'functions' | 'both';
  /** The README's "Required" cell. */
  required: 'yes' | 'no' | 'for sign-in';
  /** The value as set, trimmed ('' when unset) → what it means, or the message refusing it. */
  parse(text: string): Parsed<T>;
}

const accepted = <T>(value: T): Parsed<T> => ({ ok: true, value });
const refused = (name: string, accepts: string): { ok: false; message: string } => ({
  ok: false,
  message: `${name} is not valid: ${accepts}.`,
});
const fromSeconds = (result: SecondsSetting): Parsed<number> =>
  result.ok ? accepted(result.seconds) : { ok: false, message: result.message };

/** Browsers send Origin in lower case, without a path: a listed value of another form could never match one. */
const ORIGIN = /^https?:\/\/([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:[0-9]{1,5})?$/;
/** Plain http only on this machine (`netlify dev`, the tests' fake Zoom); anything public must be https. */
const LOOPBACK_HTTP = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:[0-9]{1,5})?(\/|$)/;

/** An absolute https URL (http on loopback), without query or fragment, whose path passes `path`. */
function webUrl(text: string, path: (pathname: string) => boolean): boolean {
  try {
    const url = new URL(text);
    const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HTTP.test(text));
    return (
      secure && !url.username && !url.password && !url.search && !url.hash && !text.includes('#') && path(url.pathname)
    );
  } catch {
    return false;
  }
}

/** Shorter secrets are guessable offline from any cookie; refuse them rather than sign in weakly. */
export const MIN_SESSION_SECRET_LENGTH = 32;
const SECRET_ACCEPTS = `set at least ${MIN_SESSION_SECRET_LENGTH} random characters`;
const CALLBACK = AUTH_PATHS.callback;

const ORIGINS_ACCEPTS = 'list exact origins (scheme://host or scheme://host:port, no path), separated by commas';
/** Exact origins, separated by commas or spaces. */
const originList =
  (name: string) =>
  (text: string): Parsed<string[]> => {
    const origins = text.split(/[\s,]+/).filter(Boolean);
    return origins.every((o) => ORIGIN.test(o)) ? accepted(origins) : refused(name, ORIGINS_ACCEPTS);
  };
const MEETINGS_ACCEPTS = 'list meeting numbers of 9 to 11 digits (spaces and dashes are ignored), separated by commas';
/** One of Zoom's hosts for sign-in (unset: the cloud's own), without the trailing slash its users paste. */
const zoomHostSetting = (name: string, example: string) =>
  ({
    readBy: 'functions',
    required: 'no',
    parse: (text: string): Parsed<string> =>
      text === '' || webUrl(text, (path) => path === '/')
        ? accepted(text.replace(/\/+$/, ''))
        : refused(name, `set an https URL such as ${example}, without a path, query or fragment, or leave it unset`),
  }) as const;

/** Each name once, as the key; `defineSettings` puts it into its entry so messages and the README use the same. */
type Entries = Record<string, Omit<Setting<unknown>, 'name'>>;
function defineSettings<T extends Entries>(entries: T): { [K in keyof T & string]: T[K] & { name: K } } {
  return Object.fromEntries(Object.entries(entries).map(([name, entry]) => [name, { name, ...entry }])) as {
    [K in keyof T & string]: T[K] & { name: K };
  };
}

export const SETTINGS = defineSettings({
  ZOOM_MEETING_SDK_KEY: {
    readBy: 'functions',
    required: 'yes',
    // Required, but its absence has its own answer (503 signer_not_configured) naming both credentials.
    parse: (text: string): Parsed<string> => accepted(text),
  },
  ZOOM_MEETING_SDK_SECRET: {
    readBy: 'functions',
    required: 'yes',
    parse: (text: string): Parsed<string> => accepted(text),
  },
  ZOOM_ALLOWED_MEETINGS: {
    readBy: 'functions',
    required: 'no',
    // Split on commas (and line breaks) only: "978 759 818" is one number as an invite prints it, not three.
    parse: (text: string): Parsed<string[]> => {
      const meetings = text
        .split(/[,\r\n]/)
        .map(normaliseMeetingNumber)
        .filter(Boolean);
      return meetings.every((m) => /^\d{9,11}$/.test(m))
        ? accepted(meetings)
        : refused('ZOOM_ALLOWED_MEETINGS', MEETINGS_ACCEPTS);
    },
  },
  ALLOWED_ORIGINS: {
    readBy: 'functions',
    required: 'no',
    parse: originList('ALLOWED_ORIGINS'),
  },
  SESSION_SECRET: {
    readBy: 'functions',
    required: 'for sign-in',
    // Unset turns sign-in off (its routes say so); a short one is refused, since it is guessable from any cookie.
    parse: (text: string): Parsed<string> =>
      text === '' || text.length >= MIN_SESSION_SECRET_LENGTH
        ? accepted(text)
        : refused('SESSION_SECRET', SECRET_ACCEPTS),
  },
  SESSION_SECRET_PREVIOUS: {
    readBy: 'functions',
    required: 'no',
    parse: (text: string): Parsed<string> =>
      text === '' || text.length >= MIN_SESSION_SECRET_LENGTH
        ? accepted(text)
        : refused('SESSION_SECRET_PREVIOUS', `${SECRET_ACCEPTS} (the previous SESSION_SECRET), or leave it unset`),
  },
  ZOOM_MAX_EXPIRATION_SECONDS: {
    readBy: 'functions',
    required: 'no',
    // A signature is a bearer credential for its meeting until it expires: a public signer hands out 4 h at most.
    parse: (text: string): Parsed<number> =>
      fromSeconds(
        secondsSetting('ZOOM_MAX_EXPIRATION_SECONDS', text, {
          fallback: 14_400,
          min: MIN_EXPIRATION_SECONDS,
          max: MAX_EXPIRATION_SECONDS,
        }),
      ),
  },
  ZOOM_HOST_SIGNATURES: {
    readBy: 'functions',
    required: 'no',
    // The one setting that protects host joins: a typo ("signed_in", "true") must not mean "anyone".
    parse: (text: string): Parsed<'anyone' | 'signed-in'> => {
      const value = text.toLowerCase();
      if (value === '' || value === 'anyone') return accepted('anyone');
      if (value === 'signed-in') return accepted('signed-in');
      return refused(
        'ZOOM_HOST_SIGNATURES',
        'set signed-in (host signatures only for a browser signed in with Zoom) or anyone, or leave it unset (anyone)',
      );
    },
  },
  ZOOM_OAUTH_REDIRECT_URL: {
    readBy: 'functions',
    required: 'no',
    parse: (text: string): Parsed<string> =>
      text === '' || webUrl(text, (path) => path === CALLBACK)
        ? accepted(text)
        : refused(
            'ZOOM_OAUTH_REDIRECT_URL',
            `set this site's https URL of ${CALLBACK} (https://<site>${CALLBACK}), or leave it unset`,
          ),
  },
  ZOOM_OAUTH_BASE_URL: zoomHostSetting('ZOOM_OAUTH_BASE_URL', 'https://zoom.us'),
  ZOOM_API_BASE_URL: zoomHostSetting('ZOOM_API_BASE_URL', 'https://api.zoom.us'),
  VITE_ZOOM_WEB_ENDPOINT: {
    readBy: 'both',
    required: 'no',
    // The cloud it names (its hosts, with the cloud's own CDN): what the functions need from it.
    parse: (text: string): Parsed<ZoomCloud> => {
      const cloud = zoomCloud({ webEndpoint: text });
      return cloud.ok
        ? accepted(cloud.cloud)
        : refused('VITE_ZOOM_WEB_ENDPOINT', 'set zoom.us (the default) or www.zoomgov.com (Zoom for Government)');
    },
  },
  VITE_ZOOM_ASSETS: {
    readBy: 'build',
    required: 'no',
    parse: (text: string): Parsed<string> =>
      zoomCloud({ assets: text }).ok
        ? accepted(text)
        : refused(
            'VITE_ZOOM_ASSETS',
            "leave it unset (the cloud's CDN), or set self (this site) or china (Zoom's CDN there)",
          ),
  },
  VITE_SIGNATURE_URL: {
    readBy: 'build',
    required: 'no',
    parse: (text: string): Parsed<string> =>
      text === '' || /^\/(?!\/)[^\s?#\\]*$/.test(text) || webUrl(text, () => true)
        ? accepted(text)
        : refused(
            'VITE_SIGNATURE_URL',
            'set a path on this site such as /api/signature, an https URL, or leave it unset',
          ),
  },
  VITE_JOIN_TIMEOUT_SECONDS: {
    readBy: 'build',
    required: 'no',
    parse: (text: string): Parsed<number> => fromSeconds(joinTimeout(text)),
  },
  VITE_MAX_WAIT_SECONDS: {
    readBy: 'build',
    required: 'no',
    parse: (text: string): Parsed<number> => fromSeconds(maxWait(text)),
  },
  EMBED_ORIGINS: {
    readBy: 'build',
    required: 'no',
    // The embed documents' frame-ancestors (vite-plugins/document-headers.ts): unset, no other site may frame them.
    parse: originList('EMBED_ORIGINS'),
  },
});

/** The value of one setting from the raw variable (undefined when unset). */
export const parseSetting = <T>(setting: Setting<T>, raw: string | undefined): Parsed<T> =>
  setting.parse(raw?.trim() ?? '');

/**
 * Every problem with a set of variables, one message each, in the table's order: each setting its `reader` reads,
 * then the one combination refused (Zoom's China CDN serves only the commercial cloud). Build and deploy use it.
 */
export function settingProblems(
  values: Partial<Record<string, string>>,
  reader: 'build' | 'functions' | 'all',
): string[] {
  const read = (setting: Setting<unknown>) =>
    reader === 'all' || setting.readBy === reader || setting.readBy === 'both';
  const problems = Object.values(SETTINGS as Record<string, Setting<unknown>>)
    .filter(read)
    .flatMap((setting) => {
      const parsed = parseSetting(setting, values[setting.name]);
      return parsed.ok ? [] : [parsed.message];
    });
  if (problems.length > 0 || reader === 'functions') return problems;
  const cloud = zoomCloud({ webEndpoint: values['VITE_ZOOM_WEB_ENDPOINT'], assets: values['VITE_ZOOM_ASSETS'] });
  return cloud.ok ? [] : [cloud.message];
}
