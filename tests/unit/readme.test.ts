import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withGeneratedTables } from '../../scripts/troubleshooting.ts';

describe('README', () => {
  it('has its error tables generated from the code (run `npm run docs` to update)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toBe(withGeneratedTables(readme));
  });

  it('documents every code and signature problem', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const needle of ['| 3712 |', '| 3705 |', '| 4011 |', '| 10000 |', '`legacy_format`', '`bad_hmac`', '`state_mismatch`', '`access_denied`']) expect(readme).toContain(needle);
  });
});
