/**
 * Every header this site's pages, meeting frames and static files get, per path: the one place to read or change
 * them. The build writes these rules to dist/_headers (vite-plugins/document-headers-plugin.ts), which Netlify and
 * `netlify serve` read; `vite` and `vite preview` send the same from a middleware. netlify.toml declares none, and
 * tests/unit/document-headers.test.ts prints the whole set per path and fails on a second source.
 *
 * Not here, because the functions send them on their own responses (Netlify applies these rules to files only):
 * the functions' content type, nosniff and no-store in functions/_lib/respond.ts, and CORS for signer pages on other
 * origins in functions/_lib/access.ts.
 *
 * Netlify applies every rule whose path matches, and a header two matching rules both set gets both values joined
 * into one (an invalid COEP, two Cache-Controls): each header reaches a path from exactly one rule.
 *
 * The Content-Security-Policy of the documents is made from the build's settings (the signer's origin, where the
 * SDK's assets come from) so each build states exactly what it needs:
 *
 * - the form page (/, /index.html, /j/*): enforced and strict: its own scripts only, no eval, no inline code; it may
 *   talk to this site and the configured signer, frame only its own meeting frame, and be framed by nobody else;
 * - the meeting frames (/meeting.html, /meeting-component.html): Zoom's SDK evaluates code and runs wasm and workers.
 *   What the e2e join path proves (scripts, workers) is enforced; the rest (media, sockets, images Zoom serves in a
 *   live meeting) is report-only until reports from live meetings show it complete;
 * - the embed document (/embed.html, docs/embed.md): the form page's policy, but framed by the sites of
 *   EMBED_ORIGINS too, as are the meeting frames it opens (frame-ancestors checks every ancestor). /embed.js and
 *   /embed.mjs, which those sites load, are public: any origin may fetch and run them.
 *
 * Every violation goes to POST /api/csp-report (report-uri for all browsers, report-to where supported).
 */
import type { ZoomCloud } from '../lib/zoom-cloud.ts';
import { JOIN_LINK_PREFIX } from '../lib/join-link.ts';
import {
  FORM_PAGE_EMBEDDER_POLICY,
  FRAME_REQUIRE_CORP_PREFIX,
  OPENER_POLICY,
  type EmbedderPolicy,
} from '../lib/isolation.ts';

/** The meeting frames' documents; each is also written under FRAME_REQUIRE_CORP_PREFIX (lib/isolation.ts). */
export const FRAME_FILES = ['meeting.html', 'meeting-component.html'];

export interface PolicyOptions {
  /** VITE_SIGNATURE_URL: another backend's signer the page POSTs to (absent: this site's function). */
  signerUrl?: string | undefined;
  /**
   * The Zoom cloud and asset source of the build (VITE_ZOOM_WEB_ENDPOINT, VITE_ZOOM_ASSETS): which CDNs the SDK may
   * load code from (with the ones it falls back to on its own: leaving those out would turn a CDN hiccup into a
   * failed join) and which hosts a meeting talks to.
   */
  cloud: ZoomCloud;
  /** `vite` dev server: its HMR client connects to another port on localhost. */
  dev?: boolean;
  /** EMBED_ORIGINS: the sites that may frame the embed document and its meeting frames (none besides this one). */
  embedOrigins?: string[];
}

type HeaderSet = Record<string, string>;

/** One rule of Netlify's _headers: a path (`*` matches the rest of it) and the headers it adds. */
interface HeaderRule {
  for: string;
  headers: HeaderSet;
}

/** Every response of the site, documents and files alike. */
const EVERYWHERE: HeaderSet = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // The meeting frame is same-origin: `self` covers it (with its allow= attribute).
  'Permissions-Policy': 'camera=(self), microphone=(self), display-capture=(self), fullscreen=(self), autoplay=(self)',
};

/**
 * Files whose name changes with their content, so a year is safe: Vite's output under /assets/ (a content hash in
 * every name) and the self-hosted SDK under /zoom-sdk/<SDK version>/lib (lib/zoom-assets.ts: a new SDK is a new
 * path). require-corp: a frame may run them as workers, which are isolated only when their own answer says so.
 */
const IMMUTABLE_FILES: HeaderSet = {
  'Cache-Control': 'public, max-age=31536000, immutable',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** What other sites load (vite-plugins/embed-script.ts): classic script and ES module. */
export const EMBED_SCRIPTS = ['/embed.js', '/embed.mjs'] as const;

/**
 * Public, so any page may run it: a module script is fetched with CORS, and an isolated page (COEP require-corp)
 * loads a cross-origin script only with CORP. A stable name, so revalidated on every visit to pick up a deploy.
 */
const EMBED_SCRIPT: HeaderSet = {
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Cache-Control': 'no-cache',
};

/** frame-ancestors of the documents other sites may embed: this site and EMBED_ORIGINS. */
const embedders = (options: PolicyOptions) => ["'self'", ...(options.embedOrigins ?? [])];

/** Header name → value for each document path. */
function documentHeaders(options: PolicyOptions): Record<string, HeaderSet> {
  // The documents name the hashed assets, so browsers revalidate them on every visit (a 304 while unchanged) to
  // pick up a deploy.
  const endpoints = { 'Reporting-Endpoints': `${REPORT_GROUP}="${CSP_REPORT_PATH}"`, 'Cache-Control': 'no-cache' };
  // Cross-origin isolation (SharedArrayBuffer: gallery view, virtual background): COOP and COEP together, per
  // document (lib/isolation.ts says why each gets which COEP).
  const form = {
    'Content-Security-Policy': formPagePolicy(options),
    'Cross-Origin-Opener-Policy': OPENER_POLICY,
    'Cross-Origin-Embedder-Policy': FORM_PAGE_EMBEDDER_POLICY,
    ...endpoints,
  };
  // Framed by another site (EMBED_ORIGINS): isolated only if that site is, and then only if this answer allows
  // being embedded across origins (CORP); its own files and frames are same-origin.
  const embed = {
    'Content-Security-Policy': formPagePolicy(options, embedders(options)),
    'Cross-Origin-Opener-Policy': OPENER_POLICY,
    'Cross-Origin-Embedder-Policy': FORM_PAGE_EMBEDDER_POLICY,
    'Cross-Origin-Resource-Policy': 'cross-origin',
    ...endpoints,
  };
  const policies = meetingFramePolicies(options);
  const frame = (embedder: EmbedderPolicy) => ({
    'Content-Security-Policy': policies.enforced,
    'Content-Security-Policy-Report-Only': policies.reportOnly,
    // Per engine (lib/isolation.ts): the page opens the copy its browser can isolate.
    'Cross-Origin-Opener-Policy': OPENER_POLICY,
    'Cross-Origin-Embedder-Policy': embedder,
    ...endpoints,
  });
  // Client view's frame and component view's frame run the same SDK's media code: one policy for both.
  // Netlify also serves each document without its .html (/meeting for meeting.html), and /j/* is the form page too
  // (join links, netlify.toml's rewrite): headers follow the path that was asked for, so each gets its rule.
  const frames = FRAME_FILES.flatMap((file) => {
    const path = `/${file}`;
    const bare = path.replace(/\.html$/, '');
    return [
      [path, frame('credentialless')],
      [bare, frame('credentialless')],
      [`${FRAME_REQUIRE_CORP_PREFIX}${path}`, frame('require-corp')],
      [`${FRAME_REQUIRE_CORP_PREFIX}${bare}`, frame('require-corp')],
    ] as const;
  });
  return {
    '/': form,
    '/index.html': form,
    '/index': form,
    [`${JOIN_LINK_PREFIX}*`]: form,
    ...Object.fromEntries(frames),
    '/embed.html': embed,
    '/embed': embed,
  };
}

/** Every rule of the site, in the order dist/_headers lists them. */
export function siteHeaderRules(options: PolicyOptions): HeaderRule[] {
  return [
    { for: '/*', headers: EVERYWHERE },
    { for: '/assets/*', headers: IMMUTABLE_FILES },
    { for: '/zoom-sdk/*', headers: IMMUTABLE_FILES },
    ...EMBED_SCRIPTS.map((path) => ({ for: path, headers: EMBED_SCRIPT })),
    ...Object.entries(documentHeaders(options)).map(([path, headers]) => ({ for: path, headers })),
  ];
}

/** Netlify's `_headers` file format. */
export function headersFile(options: PolicyOptions): string {
  return siteHeaderRules(options)
    .map((rule) => [rule.for, ...Object.entries(rule.headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n'))
    .join('\n\n')
    .concat('\n');
}

// ── the Content-Security-Policy ─────────────────────────────────────────────────────────────────────────────────

const CSP_REPORT_PATH = '/api/csp-report';
const REPORT_GROUP = 'csp-endpoint';
const policy = (directives: Record<string, string[]>): string =>
  Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');

function originOf(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? [] : [origin];
  } catch {
    return []; // a relative path: this site
  }
}

const reporting = { 'report-uri': [CSP_REPORT_PATH], 'report-to': [REPORT_GROUP] };

function formPagePolicy(options: PolicyOptions, ancestors = ["'self'"]): string {
  return policy({
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'connect-src': [
      "'self'",
      ...originOf(options.signerUrl),
      ...(options.dev ? ['ws://localhost:*', 'http://localhost:*'] : []),
    ],
    'frame-src': ["'self'"],
    'frame-ancestors': ancestors,
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    ...reporting,
  });
}

export function meetingFramePolicies(options: PolicyOptions): { enforced: string; reportOnly: string } {
  const { cloud } = options;
  const cdn = cloud.assetOrigins;
  const zoomHosts = `https://*.${cloud.domain}`;
  const scripts = ["'self'", "'unsafe-eval'", "'wasm-unsafe-eval'", 'blob:', ...cdn];
  const workers = ["'self'", 'blob:', ...cdn];
  const proven = {
    'script-src': scripts,
    'worker-src': workers,
    'frame-ancestors': embedders(options),
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
  };
  return {
    enforced: policy({ ...proven, ...reporting }),
    reportOnly: policy({
      'default-src': ["'self'"],
      ...proven,
      'style-src': ["'self'", "'unsafe-inline'", ...cdn],
      'img-src': ["'self'", 'data:', 'blob:', zoomHosts],
      'font-src': ["'self'", 'data:', ...cdn],
      'media-src': ["'self'", 'blob:', ...cdn],
      // The signer too: the page asks this frame whether a signer that failed CORS answers at all.
      'connect-src': [
        "'self'",
        cloud.webOrigin,
        zoomHosts,
        `wss://*.${cloud.domain}`,
        ...cdn,
        ...originOf(options.signerUrl),
      ],
      'frame-src': ["'self'", zoomHosts],
      'form-action': ["'self'"],
      ...reporting,
    }),
  };
}

// ── matching, as Netlify does (for `vite` and `vite preview`) ───────────────────────────────────────────────────

/** A rule's path as Netlify matches it (@netlify/headers-parser): any case, a trailing slash or not, `*` the rest. */
function pathPattern(path: string): RegExp {
  const parts = path
    .split('/')
    .filter(Boolean)
    .map((part) => (part === '*' ? '?(.*)' : part.split('*').map(escapeRegExp).join('(.*)')));
  return new RegExp(`^/${parts.join('/')}/?$`, 'i');
}
const escapeRegExp = (text: string) => text.replace(/[|\\{}()[\]^$+*?.]/g, '\\$&');

/** The headers a request for `path` gets: those of every matching rule, as Netlify merges them. */
export function headersFor(rules: HeaderRule[], path: string): HeaderSet {
  return Object.assign({}, ...rules.filter((rule) => pathPattern(rule.for).test(path)).map((rule) => rule.headers));
}
