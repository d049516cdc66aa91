import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseRepositoryUrl, originRemote, repositoryUrl } from '../../scripts/repository-url.ts';

describe('the repository address for the Deploy button', () => {
  it.each([
    'git@github.com:acme/zoom-sample.git',
    'git@github.com:acme/zoom-sample',
    'ssh://git@github.com/acme/zoom-sample',
    'ssh://git@github.com:22/acme/zoom-sample.git',
    'git+ssh://git@github.com/acme/zoom-sample.git',
    'https://github.com/acme/zoom-sample',
    'https://github.com/acme/zoom-sample.git',
    'https://github.com/acme/zoom-sample/',
    'http://github.com/acme/zoom-sample',
    'git://github.com/acme/zoom-sample.git',
    'git+https://github.com/acme/zoom-sample.git',
    'https://GitHub.com/acme/zoom-sample',
    'github:acme/zoom-sample',
    'acme/zoom-sample',
    '  https://github.com/acme/zoom-sample.git\n',
  ])('reads %j as https://github.com/acme/zoom-sample', (remote) => {
    expect(normaliseRepositoryUrl(remote)).toBe('https://github.com/acme/zoom-sample');
  });

  it('drops credentials from an https remote, never copying them', () => {
    for (const remote of [
      'https://user:ghp_tok3n@github.com/acme/zoom-sample.git',
      'https://ghp_tok3n@github.com/acme/zoom-sample',
    ]) {
      const url = normaliseRepositoryUrl(remote);
      expect(url).toBe('https://github.com/acme/zoom-sample');
      expect(url).not.toContain('tok3n');
    }
  });

  it('keeps GitLab (with subgroups) on GitLab', () => {
    expect(normaliseRepositoryUrl('git@gitlab.com:acme/web/zoom-sample.git')).toBe(
      'https://gitlab.com/acme/web/zoom-sample',
    );
    expect(normaliseRepositoryUrl('https://oauth2:glpat-x@gitlab.com/acme/zoom-sample.git')).toBe(
      'https://gitlab.com/acme/zoom-sample',
    );
    expect(normaliseRepositoryUrl('gitlab:acme/zoom-sample')).toBe('https://gitlab.com/acme/zoom-sample');
  });

  it.each([
    '',
    'javascript:alert(1)',
    'https://example.com/acme/zoom-sample',
    'git@bitbucket.org:acme/zoom-sample.git',
    'https://github.com/acme',
    'https://github.com/acme/zoom-sample/tree/main',
    'https://github.com/acme/zoom-sample?x=1',
    'https://github.com/acme/%2E%2E',
    '/home/me/zoom-sample',
    'file:///home/me/zoom-sample',
  ])('refuses %j', (remote) => {
    expect(normaliseRepositoryUrl(remote)).toBeNull();
  });

  it('reads package.json’s repository as a string or as { url }', () => {
    expect(repositoryUrl({ type: 'git', url: 'git+https://github.com/acme/zoom-sample.git' })).toBe(
      'https://github.com/acme/zoom-sample',
    );
    expect(repositoryUrl(undefined)).toBeNull();
    expect(repositoryUrl({ type: 'git' })).toBeNull();
    expect(repositoryUrl(42)).toBeNull();
  });

  it('reads the origin remote of a git checkout, and null where there is none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'origin-'));
    try {
      execFileSync('git', ['init', '-q', dir]);
      expect(originRemote(dir)).toBeNull();
      execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', 'git@github.com:acme/zoom-sample.git']);
      expect(normaliseRepositoryUrl(originRemote(dir)!)).toBe('https://github.com/acme/zoom-sample');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
