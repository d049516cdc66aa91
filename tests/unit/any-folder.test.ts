import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isMainModule } from '../../scripts/is-main-module.ts';

// People clone into "C:\Users\Ada Lovelace\My Projects" or "~/Código": the scripts must run there as they do here.
const parent = mkdtempSync(join(tmpdir(), 'a b-'));
const project = join(parent, 'Zoom Sample Ünïcode');
const tsx = resolve('node_modules/.bin/tsx');

afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('a clone in a folder whose path has spaces and non-ASCII letters', () => {
  for (const folder of ['functions', 'lib', 'scripts', 'vite-plugins', 'docs', 'web'])
    cpSync(folder, join(project, folder), { recursive: true });
  for (const file of [
    'package.json',
    'README.md',
    'vite.config.ts',
    '.env.example',
    'tsconfig.base.json',
    'tsconfig.json',
  ])
    cpSync(file, join(project, file));
  symlinkSync(resolve('node_modules'), join(project, 'node_modules'), 'dir');

  it('npm run build:functions bundles every function', () => {
    execFileSync(tsx, ['scripts/build-functions.ts'], { cwd: project, stdio: 'pipe' });
    const built = readdirSync(join(project, 'build/functions')).sort();
    const sources = readdirSync('functions')
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, '.mjs'));
    expect(built).toEqual(sources.sort());
  }, 60_000);

  it('npm run docs rewrites the README and docs/errors.md there', () => {
    const out = execFileSync(tsx, ['scripts/readme-tables.ts'], { cwd: project, encoding: 'utf8' });
    expect(out).toContain('generated tables updated');
  }, 60_000);

  it('vite build (the page half of npm run build) builds the page and its frames there', () => {
    execFileSync(resolve('node_modules/.bin/vite'), ['build', '--logLevel', 'error'], { cwd: project, stdio: 'pipe' });
    for (const file of ['index.html', 'meeting.html', 'meeting-component.html', '_headers'])
      expect(existsSync(join(project, 'dist', file)), file).toBe(true);
  }, 120_000);

  it('npm run check-signature runs there and says what it needs', () => {
    let failure: { status?: number; stderr?: Buffer; stdout?: Buffer } = {};
    try {
      execFileSync(tsx, ['scripts/check-signature.ts', 'not-a-jwt'], {
        cwd: project,
        stdio: 'pipe',
        env: { ...process.env, ZOOM_MEETING_SDK_SECRET: 'unit-secret' },
      });
    } catch (error) {
      failure = error as typeof failure;
    }
    // It ran (a script that silently skipped its main would exit 0 with no output) and rejected the input.
    expect(failure.status).toBe(1);
    expect(`${failure.stdout ?? ''}${failure.stderr ?? ''}`).toMatch(/JWT|signature/i);
  }, 60_000);

  it('the main-module check compares real paths, not a hand-built URL', () => {
    const script = join(project, 'scripts/build-functions.ts');
    expect(existsSync(script)).toBe(true);
    const url = `file://${encodeURI(script)}`;
    expect(isMainModule(url, script)).toBe(true);
    // The check the scripts used to make, which fails here:
    expect(url === `file://${script}`).toBe(false);
    expect(isMainModule(url, join(project, 'scripts/readme-tables.ts'))).toBe(false);
    expect(isMainModule(url, undefined)).toBe(false);
  });
});
