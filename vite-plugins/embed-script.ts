/**
 * /embed.js (classic script) and /embed.mjs (ES module), what other sites load (web/src/embed/): bundled on their
 * own by esbuild, outside Vite's graph, since they must keep stable names (no content hash) and share no chunk with
 * this site's pages. Written into the build, and served by `vite` from source.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import type { Plugin } from 'vite';
import { EMBED_SCRIPTS } from './document-headers.ts';

const root = resolve(import.meta.dirname, '..');
// The paths the headers name (public, CORS), each with its source.
const ENTRIES: Record<(typeof EMBED_SCRIPTS)[number], Pick<BuildOptions, 'format'> & { entry: string }> = {
  '/embed.js': { entry: 'web/src/embed/classic.ts', format: 'iife' },
  '/embed.mjs': { entry: 'web/src/embed/module.ts', format: 'esm' },
};
const isEntry = (path: string): path is keyof typeof ENTRIES => path in ENTRIES;

async function bundle(path: keyof typeof ENTRIES): Promise<string> {
  const { entry, format } = ENTRIES[path];
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    minify: true,
    format,
    // The browsers the Meeting SDK supports, back to the oldest it names.
    target: ['chrome90', 'firefox90', 'safari15', 'edge90'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export function embedScript(): Plugin {
  let outDir = '';
  return {
    name: 'embed-script',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0]!;
        if (!isEntry(path)) return next();
        bundle(path).then(
          (code) => {
            res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
            res.end(code);
          },
          (error: unknown) => next(error),
        );
      });
    },
    async writeBundle() {
      for (const path of EMBED_SCRIPTS) writeFileSync(join(outDir, path), await bundle(path));
    },
  };
}
