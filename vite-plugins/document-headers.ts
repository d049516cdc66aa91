/**
 * The Content-Security-Policy of the two documents, made from the build's settings (the signer's origin, where the
 * SDK's assets come from) so each build states exactly what it needs:
 *
 * - the form page (/, /index.html): enforced and strict: its own scripts only, no eval, no inline code; it may talk
 *   to this site and the configured signer, frame only its own meeting frame, and be framed by nobody else;
 * - the meeting frames (/meeting.html, /meeting-component.html): Zoom's SDK evaluates code and runs wasm and workers. What the e2e join path
 *   proves (scripts, workers) is enforced; the rest (media, sockets, images Zoom serves in a live meeting) is
 *   report-only until reports from live meetings show it complete.
 *
 * Every violation goes to POST /api/csp-report (report-uri for all browsers, report-to where supported). Builds write
 * the headers to dist/_headers (Netlify serves them); `vite` and `vite preview` send them from a middleware.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Connect, Plugin } from 'vite';
import type { ZoomCloud } from '../lib/zoom-cloud.ts';
import { JOIN_LINK_PREFIX } from '../lib/join-link.ts';
import {
  FORM_PAGE_EMBEDDER_POLICY,
  FRAME_REQUIRE_CORP_PREFIX,
  OPENER_POLICY,
  type EmbedderPolicy,
} from '../lib/isolation.ts';

/** The meeting frames' documents; each is also written under FRAME_REQUIRE_CORP_PREFIX (lib/isolation.ts). */
const FRAME_FILES = ['meeting.html', 'meeting-component.html'];

const CSP_REPORT_PATH = '/api/csp-report';
const REPORT_GROUP = 'csp-endpoint';
interface PolicyOptions {
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
}

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

/** index.html's preconnect links (the default build's hosts), replaced per build. */
const PRECONNECTS =
  /<link rel="preconnect" href="https:\/\/source\.zoom\.us" crossorigin \/>\s*<link rel="preconnect" href="https:\/\/zoom\.us" crossorigin \/>/;

const reporting = { 'report-uri': [CSP_REPORT_PATH], 'report-to': [REPORT_GROUP] };

function formPagePolicy(options: PolicyOptions): string {
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
    'frame-ancestors': ["'self'"],
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
    'frame-ancestors': ["'self'"],
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

/** Header name → value for each document path. */
function documentHeaders(options: PolicyOptions): Record<string, Record<string, string>> {
  // The documents name the hashed assets, so browsers revalidate them on every visit (a 304 while unchanged) to
  // pick up a deploy; set here with the policy, so each document path has exactly one rule.
  const endpoints = { 'Reporting-Endpoints': `${REPORT_GROUP}="${CSP_REPORT_PATH}"`, 'Cache-Control': 'no-cache' };
  const form = {
    'Content-Security-Policy': formPagePolicy(options),
    'Cross-Origin-Opener-Policy': OPENER_POLICY,
    'Cross-Origin-Embedder-Policy': FORM_PAGE_EMBEDDER_POLICY,
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
  };
}

/** Netlify's `_headers` file format. */
export function headersFile(options: PolicyOptions): string {
  return Object.entries(documentHeaders(options))
    .map(([path, headers]) =>
      [path, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n'),
    )
    .join('\n\n')
    .concat('\n');
}

function middleware(options: PolicyOptions): Connect.NextHandleFunction {
  const headers = documentHeaders(options);
  return (req, res, next) => {
    const [path, query] = (req.url ?? '/').split('?') as [string, string | undefined];
    const rule = headers[path.startsWith(JOIN_LINK_PREFIX) ? `${JOIN_LINK_PREFIX}*` : path];
    for (const [name, value] of Object.entries(rule ?? {})) res.setHeader(name, value);
    // The require-corp copies of the frames exist in builds only; here the same document answers at both paths.
    if (rule && path.startsWith(`${FRAME_REQUIRE_CORP_PREFIX}/`)) {
      req.url = path.slice(FRAME_REQUIRE_CORP_PREFIX.length) + (query === undefined ? '' : `?${query}`);
    }
    next();
  };
}

export function contentSecurityPolicy(options: PolicyOptions): Plugin {
  let outDir = '';
  return {
    name: 'content-security-policy',
    configResolved(config) {
      // build.outDir is relative to the root (web/), not to the working directory.
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use(middleware({ ...options, dev: true }));
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware(options));
    },
    // The form page warms up the connections its meeting will need: this build's asset CDN and Zoom endpoint.
    transformIndexHtml(html) {
      const preconnects = [...options.cloud.assetOrigins.slice(0, 1), options.cloud.webOrigin]
        .map((origin) => `<link rel="preconnect" href="${origin}" crossorigin />`)
        .join('\n    ');
      return html.replace(PRECONNECTS, preconnects);
    },
    // writeBundle, not closeBundle: it runs only when the build succeeded, so a failed build reports its own error
    // instead of a missing dist/.
    writeBundle() {
      writeFileSync(join(outDir, '_headers'), headersFile(options));
      mkdirSync(join(outDir, FRAME_REQUIRE_CORP_PREFIX), { recursive: true });
      for (const file of FRAME_FILES) copyFileSync(join(outDir, file), join(outDir, FRAME_REQUIRE_CORP_PREFIX, file));
    },
  };
}
