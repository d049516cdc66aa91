import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../lib/settings.ts';
import {
  ERRORS_DOC,
  deployButtonMarkdown,
  repositoryUrl,
  withGeneratedErrorTables,
  withGeneratedTables,
} from '../../scripts/readme-tables.ts';

describe('README', () => {
  it('has its generated parts up to date with the code (run `npm run docs` to update)', () => {
    const readme = readFileSync('README.md', 'utf8');
    // The button's repository is whichever one `npm run docs` found where it ran (package.json or the publisher's
    // git origin), not this checkout's: a fork's CI must not fail on it. Its making is tested below.
    const published = /start\/deploy\?repository=([^)\s]+)\)/.exec(readme)?.[1];
    expect(readme).toBe(withGeneratedTables(readme, published));
    const errors = readFileSync(ERRORS_DOC, 'utf8');
    expect(errors).toBe(withGeneratedErrorTables(errors));
  });

  it('stays a page a user reads: at most 300 lines, details linked under docs/', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme.split('\n').length).toBeLessThanOrEqual(300);
    for (const link of [
      'docs/errors.md',
      'docs/api.md',
      'docs/sign-in.md',
      'docs/component-view.md',
      'bench/README.md',
    ]) {
      expect(readme).toContain(`](${link})`);
      expect(existsSync(link)).toBe(true);
    }
  });

  it('links only images that exist (npm run screenshots makes them)', () => {
    for (const file of ['README.md', ...markdownUnder('docs'), ...markdownUnder('bench')]) {
      const text = readFileSync(file, 'utf8');
      const images = [...text.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)|<img[^>]+src="([^"]+)"/g)].map((m) => (m[1] ?? m[2])!);
      for (const image of images.filter((src) => !/^[a-z]+:/i.test(src))) {
        expect(existsSync(join(dirname(file), image)), `${file} links ${image}`).toBe(true);
      }
    }
    expect(readFileSync('README.md', 'utf8')).toMatch(/!\[[^\]]*\]\(docs\/screenshot\.png\)/);
  });

  it('lists every setting of lib/settings.ts in its table, in the table’s order, required as it says, build ones as such', () => {
    const section = readFileSync('README.md', 'utf8').split('## Environment variables')[1]!.split('\n## ')[0]!;
    const rows = section
      .split('\n')
      .filter((line) => /^\| `/.test(line))
      .map((line) => line.split(' | '));
    const listed = rows.flatMap(([first, required, about]) =>
      [...first!.matchAll(/`([A-Z_0-9]+)`/g)].map((m) => ({
        name: m[1]!,
        required,
        buildTime: /^build-time/.test(about ?? ''),
      })),
    );
    expect(listed).toEqual(
      Object.values(SETTINGS).map((setting) => ({
        name: setting.name,
        required: setting.required,
        buildTime: setting.readBy !== 'functions',
      })),
    );
  });

  it('documents every kind of error in docs/errors.md', () => {
    const readme = readFileSync(ERRORS_DOC, 'utf8');
    for (const needle of [
      '| 3712 |',
      '| 3705 |',
      '| 4011 |',
      '| 10000 |',
      '`legacy_format`',
      '`bad_hmac`',
      '`state_mismatch`',
      '`access_denied`',
      '`signer_not_configured`',
      '`zoom_missing_scope`',
    ])
      expect(readme).toContain(needle);
  });

  it('makes the Deploy to Netlify button from package.json’s repository, in any npm spelling', () => {
    for (const spelling of [
      'git+https://github.com/acme/zoom-sample.git',
      { type: 'git', url: 'https://github.com/acme/zoom-sample' },
      'github:acme/zoom-sample',
      'acme/zoom-sample',
    ]) {
      expect(repositoryUrl(spelling)).toBe('https://github.com/acme/zoom-sample');
    }
    expect(deployButtonMarkdown('acme/zoom-sample')).toContain(
      '(https://app.netlify.com/start/deploy?repository=https://github.com/acme/zoom-sample)',
    );
    expect(repositoryUrl(undefined)).toBeNull();
    expect(repositoryUrl('javascript:alert(1)')).toBeNull();
    expect(deployButtonMarkdown(undefined)).not.toContain('app.netlify.com/start/deploy');
  });
});

function markdownUnder(folder: string): string[] {
  return existsSync(folder)
    ? readdirSync(folder, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.md'))
        .map((f) => join(folder, f))
    : [];
}
