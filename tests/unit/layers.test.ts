import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The folders are the architecture; the compiler keeps DOM code out of functions and Node code out of the page
 * (per-layer tsconfigs). These are the directions it cannot see: which folder may import which.
 */
const RULES: Array<{ from: string; mayNotImport: string[] }> = [
  { from: 'lib', mayNotImport: ['web', 'functions', 'scripts', 'vite-plugins', 'tests', 'bench'] },
  { from: 'web/src/page', mayNotImport: ['web/src/frame', 'web/src/embed', 'web/src/embed-frame', 'functions'] },
  { from: 'web/src/frame', mayNotImport: ['web/src/page', 'functions'] },
  {
    from: 'web/src/shared',
    mayNotImport: ['web/src/page', 'web/src/frame', 'web/src/embed', 'web/src/embed-frame', 'functions'],
  },
  // /embed.js runs on other sites: the protocol's types and names only (web/src/shared/embed-protocol.ts).
  { from: 'web/src/embed', mayNotImport: ['web/src/page', 'web/src/frame', 'web/src/embed-frame', 'lib', 'functions'] },
  // The embed document is the form page's join flow in another frame: page/ yes, the meeting frame's code never.
  { from: 'web/src/embed-frame', mayNotImport: ['web/src/frame', 'web/src/embed', 'functions'] },
  { from: 'functions', mayNotImport: ['web', 'scripts', 'vite-plugins', 'tests', 'bench'] },
  // vite.config.ts's plugins: build code, which works from lib/'s settings and tables, never from a command's code.
  { from: 'vite-plugins', mayNotImport: ['web', 'functions', 'scripts', 'tests', 'bench'] },
  // The commands people run (npm run smoke, deploy, check-signature, docs): what they share with the page or the
  // functions lives in lib/ (names, tables, lib/node/hs256.ts), so a command never depends on a function's internals.
  { from: 'scripts', mayNotImport: ['web', 'functions', 'vite-plugins', 'tests', 'bench'] },
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
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) =>
    relative('.', resolve(dirname(file), m[1]!)),
  );
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

describe('exports', () => {
  // An export nobody imports is a dead end for the next reader ("who uses this?"): keep it module-private.
  it('every name a module exports is used by another file', () => {
    const all = ['web', 'lib', 'functions', 'scripts', 'vite-plugins', 'tests', 'bench']
      .flatMap(sources)
      .concat(readdirSync('.').filter((file) => file.endsWith('.ts')));
    const texts = new Map(all.map((file) => [file, readFileSync(file, 'utf8')]));
    const checked = all.filter((file) =>
      /^(web\/src|lib|functions\/_lib|scripts|vite-plugins|tests\/support)\//.test(file),
    );
    const unused = checked.flatMap((file) =>
      [
        ...texts
          .get(file)!
          .matchAll(/^export (?:async )?(?:const|function|class|type|interface|enum) ([A-Za-z_0-9]+)/gm),
      ]
        .map((match) => match[1]!)
        .filter((name) => ![...texts].some(([other, text]) => other !== file && new RegExp(`\\b${name}\\b`).test(text)))
        .map((name) => `${file}: ${name}`),
    );
    expect(unused).toEqual([]);
  });
});
