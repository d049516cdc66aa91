import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deployButtonMarkdown, repositoryUrl, withGeneratedTables } from '../../scripts/readme-tables.ts';

describe('README', () => {
  it('has its error tables generated from the code (run `npm run docs` to update)', () => {
    const readme = readFileSync('README.md', 'utf8');
    // The button's repository is whichever one `npm run docs` found where it ran (package.json or the publisher's
    // git origin), not this checkout's: a fork's CI must not fail on it. Its making is tested below.
    const published = /start\/deploy\?repository=([^)\s]+)\)/.exec(readme)?.[1];
    expect(readme).toBe(withGeneratedTables(readme, published));
  });

  it('documents every code and signature problem', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const needle of ['| 3712 |', '| 3705 |', '| 4011 |', '| 10000 |', '`legacy_format`', '`bad_hmac`', '`state_mismatch`', '`access_denied`']) expect(readme).toContain(needle);
  });

  it('makes the Deploy to Netlify button from package.json’s repository, in any npm spelling', () => {
    for (const spelling of ['git+https://github.com/acme/zoom-sample.git', { type: 'git', url: 'https://github.com/acme/zoom-sample' }, 'github:acme/zoom-sample', 'acme/zoom-sample']) {
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
