import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildOptions, functionEntryPoints } from '../../scripts/build-functions.ts';

// A canary in the build environment, as Netlify's build has the real secret in its environment.
const CANARY_SECRET = 'canary-secret-7f3a9c1e5b2d4068';
const CANARY_KEY = 'canaryClientId91827364';
const CANARY_SESSION = 'canary-session-secret-0c4e8a2b6d1f3957a';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('what a build ships', () => {
  let outDir: string;
  let functionCode: Array<{ path: string; text: string }>;
  beforeAll(async () => {
    vi.stubEnv('ZOOM_MEETING_SDK_SECRET', CANARY_SECRET);
    vi.stubEnv('ZOOM_MEETING_SDK_KEY', CANARY_KEY);
    vi.stubEnv('SESSION_SECRET', CANARY_SESSION);
    outDir = mkdtempSync(join(tmpdir(), 'zoom-secrets-'));
    await build({ configFile: 'vite.config.ts', logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    // Bundled exactly as `npm run build` bundles them for deploy.
    const bundled = await esbuild({ ...buildOptions(), write: false });
    functionCode = bundled.outputFiles.map(({ path, text }) => ({ path, text }));
  }, 120_000);
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('the page (dist/) holds neither the secret nor the Client ID from the build environment', () => {
    const files = filesUnder(outDir);
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      // Only the values matter: the page names the variables in its help texts.
      const text = readFileSync(file, 'latin1');
      expect(text.includes(CANARY_SECRET), file).toBe(false);
      expect(text.includes(CANARY_KEY), file).toBe(false);
      expect(text.includes(CANARY_SESSION), file).toBe(false);
    }
  });

  it('every bundled function reads the secrets at run time and never contains their values', () => {
    expect(functionCode).toHaveLength(functionEntryPoints().length);
    expect(functionCode.length).toBeGreaterThanOrEqual(7);
    for (const { path, text } of functionCode) {
      // The name each reads (the CSP report collector reads no variable at all).
      if (!path.endsWith('csp-report.mjs')) expect(text, path).toContain('ZOOM_MEETING_SDK_SECRET');
      for (const canary of [CANARY_SECRET, CANARY_KEY, CANARY_SESSION]) expect(text, path).not.toContain(canary);
    }
  });

  it('no VITE_ variable (the only ones Vite exposes to the page) is a credential', () => {
    const example = readFileSync('.env.example', 'utf8');
    const viteVars = [...example.matchAll(/^\s*#?\s*(VITE_[A-Z0-9_]+)/gm)].map((m) => m[1]);
    for (const name of viteVars) expect(name).not.toMatch(/SECRET|KEY|TOKEN|PASSWORD/);
    const config = readFileSync('vite.config.ts', 'utf8');
    expect(config).not.toMatch(/envPrefix|define\s*:/);
  });
});
