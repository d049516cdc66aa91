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
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Connect, Plugin } from 'vite';

export const CSP_REPORT_PATH = '/api/csp-report';
const REPORT_GROUP = 'csp-endpoint';
/**
 * Where the SDK loads its media code from: Zoom's CDN, and the CloudFront host the SDK itself falls back to when
 * source.zoom.us cannot be reached (named in the SDK's bundles; seen blocked under `npm run dev` with Zoom's CDN
 * unreachable). Leaving the fallback out would turn a CDN hiccup into a failed join.
 */
const ZOOM_CDNS = ['https://source.zoom.us', 'https://dmogdx0jrul3u.cloudfront.net'];

export interface PolicyOptions {
  /** VITE_SIGNATURE_URL: another backend's signer the page POSTs to (absent: this site's function). */
  signerUrl?: string | undefined;
  /** VITE_ZOOM_ASSETS=self: the SDK's media files come from this site, not Zoom's CDN. */
  selfHostedAssets: boolean;
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

const reporting = { 'report-uri': [CSP_REPORT_PATH], 'report-to': [REPORT_GROUP] };

export function formPagePolicy(options: PolicyOptions): string {
  return policy({
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...originOf(options.signerUrl), ...(options.dev ? ['ws://localhost:*', 'http://localhost:*'] : [])],
    'frame-src': ["'self'"],
    'frame-ancestors': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    ...reporting,
  });
}

export function meetingFramePolicies(options: PolicyOptions): { enforced: string; reportOnly: string } {
  const cdn = options.selfHostedAssets ? [] : ZOOM_CDNS;
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
      'img-src': ["'self'", 'data:', 'blob:', 'https://*.zoom.us'],
      'font-src': ["'self'", 'data:', ...cdn],
      'media-src': ["'self'", 'blob:', ...cdn],
      'connect-src': ["'self'", 'https://zoom.us', 'https://*.zoom.us', 'wss://*.zoom.us', ...cdn],
      'frame-src': ["'self'", 'https://*.zoom.us'],
      'form-action': ["'self'"],
      ...reporting,
    }),
  };
}

/** Header name → value for each document path. */
export function documentHeaders(options: PolicyOptions): Record<string, Record<string, string>> {
  // The documents name the hashed assets, so browsers revalidate them on every visit (a 304 while unchanged) to
  // pick up a deploy; set here with the policy, so each document path has exactly one rule.
  const endpoints = { 'Reporting-Endpoints': `${REPORT_GROUP}="${CSP_REPORT_PATH}"`, 'Cache-Control': 'no-cache' };
  const form = { 'Content-Security-Policy': formPagePolicy(options), ...endpoints };
  const policies = meetingFramePolicies(options);
  const frame = { 'Content-Security-Policy': policies.enforced, 'Content-Security-Policy-Report-Only': policies.reportOnly, ...endpoints };
  // Client view's frame and component view's frame run the same SDK's media code: one policy for both.
  return { '/': form, '/index.html': form, '/meeting.html': frame, '/meeting-component.html': frame };
}

/** Netlify's `_headers` file format. */
export function headersFile(options: PolicyOptions): string {
  return Object.entries(documentHeaders(options))
    .map(([path, headers]) => [path, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n'))
    .join('\n\n')
    .concat('\n');
}

function middleware(options: PolicyOptions): Connect.NextHandleFunction {
  const headers = documentHeaders(options);
  return (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0]!;
    for (const [name, value] of Object.entries(headers[path] ?? {})) res.setHeader(name, value);
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
    closeBundle() {
      writeFileSync(join(outDir, '_headers'), headersFile(options));
    },
  };
}
