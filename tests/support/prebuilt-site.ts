/**
 * A second `netlify serve` of this project that does not build: `tsx tests/support/prebuilt-site.ts <port>`.
 *
 * Why: `netlify serve` always runs the build first, and a second build empties dist/ under the first site. That
 * site's netlify-cli watches dist/_headers for change and unlink but not for add, so it reloads its rules while the
 * file is gone and never sees it come back: the first site then serves its pages without their CSP (seen in CI, a
 * race the local runs mostly won). This site serves the first site's dist/ and build/functions from a folder of its
 * own (outside the repository, linking to them) whose netlify.toml is the project's with the build command taken out, so
 * nothing the first site reads is ever rewritten while it runs. Playwright starts the built site first.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isMainModule } from '../../scripts/is-main-module.ts';

const root = resolve(import.meta.dirname, '../..');

/** The project's netlify.toml with no build step; everything else (headers, functions, publish folder) as it is. */
function prebuiltConfig(projectToml: string): string {
  const buildCommand = /^\s*command = "npm run build"\n/m;
  // A netlify.toml edited out of this shape must fail here, not start a site that quietly builds again.
  if (!buildCommand.test(projectToml))
    throw new Error('netlify.toml no longer has `command = "npm run build"`: update tests/support/prebuilt-site.ts');
  return projectToml.replace(buildCommand, '');
}

function main(): void {
  const port = process.argv[2];
  if (!port || !/^\d+$/.test(port)) throw new Error('usage: tsx tests/support/prebuilt-site.ts <port>');
  // Outside the repository: inside it, netlify-cli takes the repository for the site and wipes the first site's
  // .netlify/functions-serve.
  const folder = join(tmpdir(), `zoom-meetingsdk-sample-prebuilt-${port}`);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'netlify.toml'), prebuiltConfig(readFileSync(join(root, 'netlify.toml'), 'utf8')));
  // The first site's output, by link: netlify-cli wants the publish and functions folders inside the site's own.
  for (const output of ['dist', 'build']) symlinkSync(join(root, output), join(folder, output));
  const netlify = join(root, 'node_modules/.bin/netlify');
  const child = spawn(netlify, ['serve', '--offline', '--internal-disable-edge-functions', '--port', port], {
    cwd: folder,
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 1));
}

if (isMainModule(import.meta.url)) main();
