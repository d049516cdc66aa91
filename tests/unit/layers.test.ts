import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The folders are the architecture; the compiler keeps DOM code out of functions and Node code out of the page
 * (per-layer tsconfigs). These are the directions it cannot see: which folder may import which.
 */
const RULES: Array<{ from: string; mayNotImport: string[] }> = [
  { from: 'lib', mayNotImport: ['web', 'functions', 'scripts', 'tests', 'bench'] },
  { from: 'web/src/page', mayNotImport: ['web/src/frame', 'functions'] },
  { from: 'web/src/frame', mayNotImport: ['web/src/page', 'functions'] },
  { from: 'web/src/shared', mayNotImport: ['web/src/page', 'web/src/frame', 'functions'] },
  { from: 'functions', mayNotImport: ['web', 'scripts', 'tests', 'bench'] },
  { from: 'bench', mayNotImport: ['tests/e2e', 'tests/unit'] },
  { from: 'tests/support', mayNotImport: ['tests/e2e', 'tests/unit'] },
];

function sources(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(folder, file));
}

/** Relative imports of a file, as repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => relative('.', resolve(dirname(file), m[1]!)));
}

describe('layers', () => {
  for (const { from, mayNotImport } of RULES) {
    it(`${from}/ imports nothing from ${mayNotImport.join(', ')}`, () => {
      const crossings = sources(from).flatMap((file) =>
        importsOf(file)
          .filter((target) => mayNotImport.some((folder) => target === folder || target.startsWith(`${folder}/`)))
          .map((target) => `${file} → ${target}`),
      );
      expect(crossings).toEqual([]);
    });
  }

  it('sees the imports it checks', () => {
    expect(importsOf('web/src/page/join.ts')).toContain('web/src/page/meeting-frame-host.ts');
    expect(importsOf('web/src/page/main.ts')).toContain('web/src/page/join.ts');
  });
});
