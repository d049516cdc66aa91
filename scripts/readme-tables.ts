/**
 * The README's generated parts (the Deploy button, and the join-error, signature-problem and sign-in-failure
 * tables), made from package.json and the code's own tables so the docs cannot drift: `npm run docs` rewrites
 * them; a unit test fails when README.md is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SIGN_IN_ERRORS } from '../lib/auth-contract.ts';
import { SIGNATURE_PROBLEMS } from '../lib/check-signature.ts';
import { KNOWN_JOIN_ERROR_CODES, explainJoinError } from '../lib/join-errors.ts';
import { originRemote, repositoryUrl } from './repository-url.ts';

export { repositoryUrl };

const START = '<!-- generated:troubleshooting:start (npm run docs) -->';
const END = '<!-- generated:troubleshooting:end -->';
const DEPLOY_START = '<!-- generated:deploy-button:start (npm run docs) -->';
const DEPLOY_END = '<!-- generated:deploy-button:end -->';
const SIGN_IN_START = '<!-- generated:sign-in-errors:start (npm run docs) -->';
const SIGN_IN_END = '<!-- generated:sign-in-errors:end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function troubleshootingMarkdown(): string {
  const errors = KNOWN_JOIN_ERROR_CODES.map((code) => {
    const info = explainJoinError(code);
    return `| ${code} | ${cell(info.meaning)} | ${cell(info.cause)} | ${cell(info.fix)} |`;
  });
  const problems = Object.entries(SIGNATURE_PROBLEMS).map(([code, fix]) => `| \`${code}\` | ${cell(fix)} |`);
  return [
    START,
    '### Join error codes (Meeting SDK 6.2)',
    '',
    '| Code | Meaning | Likely cause | Fix |',
    '| --- | --- | --- | --- |',
    ...errors,
    '',
    '### Signature problems (page inspector and `npm run check-signature`)',
    '',
    '| Problem | Fix |',
    '| --- | --- |',
    ...problems,
    END,
  ].join('\n');
}

function signInErrorsMarkdown(): string {
  const rows = Object.entries(SIGN_IN_ERRORS).map(
    ([reason, info]) => `| \`${reason}\` | ${cell(info.meaning)} | ${cell(info.cause)} | ${cell(info.fix)} |`,
  );
  return [SIGN_IN_START, '| Reason | Meaning | Likely cause | Fix |', '| --- | --- | --- | --- |', ...rows, SIGN_IN_END].join('\n');
}

/** Netlify's button needs the public repository; it comes from package.json or git so a fork gets its own. */
export function deployButtonMarkdown(repository: unknown): string {
  const url = repositoryUrl(repository);
  const body = url
    ? `[![Deploy to Netlify](https://www.netlify.com/img/deploy/button.svg)](https://app.netlify.com/start/deploy?repository=${url})`
    : 'The one-click button appears here once `repository` in package.json, or the git `origin` remote, names this ' +
      'project’s public GitHub or GitLab repository (then run `npm run docs`). Until then, use `npm run deploy` below.';
  return [DEPLOY_START, body, DEPLOY_END].join('\n');
}

function replaceBlock(readme: string, start: string, end: string, block: string): string {
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md lacks the markers ${start} … ${end}`);
  return readme.slice(0, from) + block + readme.slice(to + end.length);
}

/** README.md with every generated block rewritten from the code. */
export function withGeneratedTables(readme: string, repository: unknown = packageRepository()): string {
  const troubleshooting = replaceBlock(readme, START, END, troubleshootingMarkdown());
  const signIn = replaceBlock(troubleshooting, SIGN_IN_START, SIGN_IN_END, signInErrorsMarkdown());
  return replaceBlock(signIn, DEPLOY_START, DEPLOY_END, deployButtonMarkdown(repository));
}

/** package.json's `repository`, else the git `origin` remote: a fork or a fresh publication gets its own button. */
function packageRepository(): unknown {
  return (JSON.parse(readFileSync('package.json', 'utf8')) as { repository?: unknown }).repository ?? originRemote();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readme = readFileSync('README.md', 'utf8');
  writeFileSync('README.md', withGeneratedTables(readme));
  console.log('README.md generated tables updated');
}
