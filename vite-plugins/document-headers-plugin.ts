/**
 * The build's side of vite-plugins/document-headers.ts: writes its rules to dist/_headers (the only writer of that
 * file) with the /corp/ copies of the meeting frames (lib/isolation.ts), sends the same headers from `vite` and
 * `vite preview`, and points the form page's preconnects at the hosts this build's meeting will use.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Connect, Plugin } from 'vite';
import { FRAME_REQUIRE_CORP_PREFIX } from '../lib/isolation.ts';
import { FRAME_FILES, headersFile, headersFor, siteHeaderRules, type PolicyOptions } from './document-headers.ts';

/** index.html's preconnect links (the default build's hosts), replaced per build. */
const PRECONNECTS =
  /<link rel="preconnect" href="https:\/\/source\.zoom\.us" crossorigin \/>\s*<link rel="preconnect" href="https:\/\/zoom\.us" crossorigin \/>/;

/** The require-corp copies' paths (/corp/meeting.html and /corp/meeting), with and without .html. */
const CORP_COPIES = new Set(
  FRAME_FILES.flatMap((file) => [`/${file}`, `/${file.replace(/\.html$/, '')}`]).map(
    (path) => `${FRAME_REQUIRE_CORP_PREFIX}${path}`,
  ),
);

function middleware(options: PolicyOptions): Connect.NextHandleFunction {
  const rules = siteHeaderRules(options);
  return (req, res, next) => {
    const [path, query] = (req.url ?? '/').split('?') as [string, string | undefined];
    for (const [name, value] of Object.entries(headersFor(rules, path))) res.setHeader(name, value);
    // The require-corp copies of the frames exist in builds only; here the same document answers at both paths.
    if (CORP_COPIES.has(path)) {
      req.url = path.slice(FRAME_REQUIRE_CORP_PREFIX.length) + (query === undefined ? '' : `?${query}`);
    }
    next();
  };
}

export function documentHeaders(options: PolicyOptions): Plugin {
  let outDir = '';
  return {
    name: 'document-headers',
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
