import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { build } from 'vite';
import { buildOptions } from '../../scripts/build-functions.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criticalPath, totals } from '../../bench/critical-path.ts';

/** The budget for JavaScript before the form is interactive (gzipped bytes); see README "Performance". */
const JS_BUDGET_GZIP = 15 * 1024;
/** /embed.js on another site's page (issue #22: under 5 KB gzipped). */
const EMBED_BUDGET_GZIP = 5 * 1024;

// Bytes, not time: build output is deterministic, so this can fail a change that puts the SDK back on the
// critical path without being flaky on a noisy machine.
describe('first-load size budget', () => {
  let outDir: string;
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'zoom-size-'));
    await build({ configFile: 'vite.config.ts', logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  }, 120_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it(`keeps the JavaScript before interactive under ${JS_BUDGET_GZIP} bytes gzipped`, () => {
    const files = criticalPath(outDir);
    expect(files.filter((f) => f.kind === 'js').length).toBeGreaterThan(0);
    expect(totals(files, 'js').gzipBytes).toBeLessThanOrEqual(JS_BUDGET_GZIP);
  });

  it('never puts the Meeting SDK (or zod’s full build) on the critical path', () => {
    const files = criticalPath(outDir).map((f) => f.file);
    expect(files.some((f) => /meetingsdk/i.test(f))).toBe(false);
    const sdkChunk = readdirSync(join(outDir, 'assets')).find((f) => /meetingsdk/.test(f));
    expect(sdkChunk, 'the SDK is still built, as a lazy chunk').toBeDefined();
  });

  it('never puts component view’s embedded SDK on the critical path either', () => {
    const files = criticalPath(outDir).map((f) => f.file);
    expect(files.some((f) => /embedded|meeting-component/i.test(f))).toBe(false);
    const embeddedChunk = readdirSync(join(outDir, 'assets')).find((f) => /^embedded-/.test(f));
    expect(embeddedChunk, 'the embedded SDK is built, as a lazy chunk of the component-view frame').toBeDefined();
  });

  // What another site's page loads (docs/embed.md): the script alone; the form and the SDK come inside the frame.
  it(`keeps /embed.js and /embed.mjs under ${EMBED_BUDGET_GZIP} bytes gzipped, with no dependency`, () => {
    for (const file of ['embed.js', 'embed.mjs']) {
      const code = readFileSync(join(outDir, file));
      expect(gzipSync(code).length, file).toBeLessThanOrEqual(EMBED_BUDGET_GZIP);
      // Self-contained: nothing imported from this site, nothing of zod or the SDK bundled in.
      expect(code.toString(), file).not.toMatch(/\bimport\s*\(|from\s*["']|zod|ZoomMtg/);
    }
  });

  it('keeps the SDK off the embed document’s first load: it comes once the form is used or the meeting preset', () => {
    const files = criticalPath(outDir, 'embed.html').map((f) => f.file);
    expect(files.some((f) => /meetingsdk|embedded|meeting-component/i.test(f))).toBe(false);
    expect(totals(criticalPath(outDir, 'embed.html'), 'js').gzipBytes).toBeLessThanOrEqual(JS_BUDGET_GZIP);
  });

  it('keeps “Check this browser” off the critical path: a lazy chunk, fetched when clicked', () => {
    const files = criticalPath(outDir).map((f) => f.file);
    expect(files.some((f) => /check-browser/i.test(f))).toBe(false);
    expect(readdirSync(join(outDir, 'assets')).find((f) => /^check-browser-/.test(f))).toBeDefined();
  });
});

// What Netlify deploys is build/functions/*.mjs as they are (node_bundler = "none"): their size is what a cold
// start parses. Without our bundling Netlify's nft would ship the whole zod and jose packages beside each function.
describe('function bundle budget', () => {
  it('keeps the signer at most 50 KB and every sign-in function at most 100 KB', async () => {
    const bundled = await esbuild({ ...buildOptions(), write: false });
    const sizes = Object.fromEntries(
      bundled.outputFiles.map((file) => [file.path.split('/').pop()!, file.contents.length]),
    );
    expect(sizes['signature.mjs']).toBeLessThanOrEqual(50 * 1024);
    for (const [name, bytes] of Object.entries(sizes)) expect(bytes, name).toBeLessThanOrEqual(100 * 1024);
    // Self-contained: no import of a package Netlify would have to ship beside it.
    for (const file of bundled.outputFiles) expect(file.text).not.toMatch(/from\s*"(?!node:)[^"]+"/);
  });
});
