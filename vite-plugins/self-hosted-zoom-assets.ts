/**
 * Opt-in (`VITE_ZOOM_ASSETS=self` at build time): serve the Meeting SDK's media libraries, wasm and language files
 * from this site instead of https://source.zoom.us, for networks that block Zoom's CDN. The copy comes from the
 * installed package, so it always matches the bundled SDK. It adds about 65 MB to the deploy.
 */
import { cpSync, createReadStream, existsSync, statSync } from 'node:fs';
import { join, normalize, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { SELF_HOSTED_LIB_PATH } from '../lib/zoom-assets.ts';
const PACKAGE_LIB = join(import.meta.dirname, '../node_modules/@zoom/meetingsdk/dist/lib');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.wav': 'audio/wav',
};

export function selfHostedZoomAssets(enabled: boolean): Plugin {
  let outDir = '';
  return {
    name: 'self-hosted-zoom-assets',
    apply: () => enabled,
    configResolved(config) {
      // build.outDir is relative to Vite's root (web/), not to the working directory: resolved as Vite does, or the
      // copy would land beside the build (../dist from the repository) instead of in it.
      outDir = resolve(config.root, config.build.outDir);
    },
    // `npm run dev`: straight from node_modules.
    configureServer(server) {
      server.middlewares.use(SELF_HOSTED_LIB_PATH, (req, res, next) => {
        const path = normalize(join(PACKAGE_LIB, decodeURIComponent((req.url ?? '').split('?')[0]!)));
        if (!path.startsWith(PACKAGE_LIB) || !existsSync(path) || !statSync(path).isFile()) return next();
        res.setHeader('content-type', TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream');
        createReadStream(path).pipe(res);
      });
    },
    // Builds: copied next to the page (under the versioned path), so Netlify serves it with the site's headers.
    closeBundle() {
      cpSync(PACKAGE_LIB, join(outDir, SELF_HOSTED_LIB_PATH), { recursive: true });
    },
  };
}
