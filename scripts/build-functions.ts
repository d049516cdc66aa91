/**
 * Bundles each function in functions/ into one minified ES module in build/functions/, which Netlify deploys as is
 * (`node_bundler = "none"`). Netlify's own bundler for v2 functions (nft) would ship our files unbundled plus the
 * whole zod and jose packages (≈1.7 MB, ~300 KB of modules parsed on every cold start); this ships 15–35 KB each.
 *
 *   tsx scripts/build-functions.ts                    build once (part of `npm run build`)
 *   tsx scripts/build-functions.ts --watch -- <cmd>   build, rebuild on change, and run <cmd> (`npm run dev`)
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { context, type BuildOptions } from 'esbuild';
import { isMainModule } from './is-main-module.ts';

const FUNCTIONS_SRC = 'functions';
const FUNCTIONS_OUT = 'build/functions';

export function functionEntryPoints(root = '.'): string[] {
  return readdirSync(join(root, FUNCTIONS_SRC))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => join(root, FUNCTIONS_SRC, name));
}

export function buildOptions(root = '.'): BuildOptions {
  return {
    entryPoints: functionEntryPoints(root),
    outdir: join(root, FUNCTIONS_OUT),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Each function stands alone: no shared chunk for Netlify to miss.
    splitting: false,
    platform: 'node',
    format: 'esm',
    // Netlify runs v2 functions on the build's Node major (netlify.toml NODE_VERSION = 24).
    target: 'node24',
    minify: true,
    // Stack traces in the function log keep readable names.
    keepNames: true,
    // Types only; the runtime provides the `Netlify` global.
    external: ['@netlify/functions'],
    legalComments: 'none',
    logLevel: 'warning',
  };
}

async function main(argv: string[]): Promise<void> {
  const ctx = await context(buildOptions());
  const watch = argv[0] === '--watch';
  await ctx.rebuild();
  if (!watch) {
    await ctx.dispose();
    return;
  }
  await ctx.watch();
  const separator = argv.indexOf('--');
  const command = separator >= 0 ? argv.slice(separator + 1) : [];
  if (command.length === 0) return; // watch only
  const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', shell: process.platform === 'win32' });
  const stop = () => child.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  child.once('exit', (code) => {
    void ctx.dispose().then(() => process.exit(code ?? 0));
  });
}

if (isMainModule(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
