/**
 * The public web address of this project's repository, for Netlify's Deploy button: from package.json's
 * `repository` in any npm spelling, or from the git `origin` remote in any form git accepts. Only GitHub and GitLab
 * qualify (the hosts the button can copy from); whatever else the input holds (user names, tokens, ports, `.git`)
 * is dropped, so a credential in a remote URL can never reach the README.
 */
import { execFileSync } from 'node:child_process';

/** Host → how many path segments name a repository (GitLab allows subgroups). */
const HOSTS: Record<string, { min: number; max: number }> = {
  'github.com': { min: 2, max: 2 },
  'gitlab.com': { min: 2, max: 20 },
};

const SEGMENT = /^[\w.-]+$/;

function fromHostAndPath(host: string, path: string): string | null {
  const limits = HOSTS[host.toLowerCase()];
  const segments = path
    .replace(/^\/+|\/+$/g, '')
    .replace(/\.git$/, '')
    .split('/');
  if (!limits || segments.length < limits.min || segments.length > limits.max) return null;
  if (!segments.every((segment) => SEGMENT.test(segment) && segment !== '.' && segment !== '..')) return null;
  return `https://${host.toLowerCase()}/${segments.join('/')}`;
}

/**
 * "https://github.com/owner/repo" (or the GitLab equivalent) from any of: `owner/repo`, `github:owner/repo`,
 * `gitlab:group/repo`, `git+https://…`, `git://…`, `git+ssh://git@…`, `ssh://git@host[:port]/…`,
 * `git@host:owner/repo.git`, `https://user:token@host/owner/repo.git`; null for anything else.
 */
export function normaliseRepositoryUrl(raw: string): string | null {
  const text = raw.trim();
  const shorthand = /^(github|gitlab):([^/].*)$/.exec(text);
  if (shorthand) return fromHostAndPath(`${shorthand[1]}.com`, shorthand[2]!);
  if (/^[\w.-]+\/[\w.-]+$/.test(text)) return fromHostAndPath('github.com', text);
  // scp-like syntax, as `git clone git@github.com:owner/repo.git` writes it.
  const scp = /^(?:[^@/\s]+@)?([\w.-]+):(?!\/\/)([^\s]+)$/.exec(text);
  if (scp) return fromHostAndPath(scp[1]!, scp[2]!);
  let url: URL;
  try {
    url = new URL(text.replace(/^git\+/, ''));
  } catch {
    return null;
  }
  if (!['https:', 'http:', 'ssh:', 'git:'].includes(url.protocol) || url.search || url.hash) return null;
  return fromHostAndPath(url.hostname, decodeURIComponent(url.pathname));
}

/** package.json's `repository` (a string or `{ type, url }`) as the repository's web address. */
export function repositoryUrl(repository: unknown): string | null {
  const raw =
    typeof repository === 'string'
      ? repository
      : repository !== null && typeof repository === 'object' && 'url' in repository
        ? repository.url
        : undefined;
  return typeof raw === 'string' && raw ? normaliseRepositoryUrl(raw) : null;
}

/** The `origin` remote's URL as git reports it, or null outside a git checkout or without that remote. */
export function originRemote(cwd = '.'): string | null {
  try {
    return (
      execFileSync('git', ['remote', 'get-url', 'origin'], {
        cwd,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() || null
    );
  } catch {
    return null;
  }
}
