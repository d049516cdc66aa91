/**
 * The docs' generated parts, made from package.json and the code's own tables so the docs cannot drift: the
 * README's Deploy button, and docs/errors.md's tables (join errors, our API's error codes, sign-in reasons,
 * signature problems). `npm run docs` rewrites them; a unit test fails when either file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { API_ERRORS } from '../lib/errors/api-errors.ts';
import {
  COMPONENT_VIEW_JOIN_ERROR_CODES,
  KNOWN_JOIN_ERROR_CODES,
  explainJoinError,
} from '../lib/errors/join-errors.ts';
import { SIGN_IN_ERRORS } from '../lib/errors/sign-in-errors.ts';
import { SIGNATURE_PROBLEMS } from '../lib/errors/signature-problems.ts';
import { isMainModule } from './is-main-module.ts';
import { originRemote, repositoryUrl } from './repository-url.ts';

export { repositoryUrl };

const START = '<!-- generated:troubleshooting:start (npm run docs) -->';
const END = '<!-- generated:troubleshooting:end -->';
const DEPLOY_START = '<!-- generated:deploy-button:start (npm run docs) -->';
const DEPLOY_END = '<!-- generated:deploy-button:end -->';
const SIGN_IN_START = '<!-- generated:sign-in-errors:start (npm run docs) -->';
const SIGN_IN_END = '<!-- generated:sign-in-errors:end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export const ERRORS_DOC = 'docs/errors.md';

const explanationRows = (entries: Array<[string, { meaning: string; cause?: string; fix: string }]>): string[] =>
  entries.map(
    ([code, info]) =>
      `| \`${code}\` | ${cell(info.meaning)} | ${info.cause === undefined ? '' : `${cell(info.cause)} | `}${cell(info.fix)} |`,
  );

function troubleshootingMarkdown(): string {
  const joinErrors = KNOWN_JOIN_ERROR_CODES.map((code) => {
    const info = explainJoinError(code);
    return `| ${code} | ${cell(info.meaning)} | ${cell(info.cause)} | ${cell(info.fix)} |`;
  });
  return [
    START,
    '## Join error codes (Meeting SDK, `lib/errors/join-errors.ts`)',
    '',
    '| Code | Meaning | Likely cause | Fix |',
    '| --- | --- | --- | --- |',
    ...joinErrors,
    '',
    '### Refusals the page waits out (the table’s `retry`)',
    '',
    'The page shows “Waiting for …”, tries again by itself at this pace (seconds between tries, the last repeating;',
    'at least 60 s while the tab is hidden) and joins as soon as a try gets further, for at most',
    '`VITE_MAX_WAIT_SECONDS` ([Waiting for the host](#waiting-for-the-host)). Every other code is explained at once.',
    '',
    '| Code | Waits for | Pace (s) | If waiting does not end it |',
    '| --- | --- | --- | --- |',
    ...KNOWN_JOIN_ERROR_CODES.flatMap((code) => {
      const { retry } = explainJoinError(code);
      if (!retry) return [];
      return [
        `| ${code} | ${cell(retry.waitingFor)} | ${retry.paceSeconds.join(', ')} | ${cell(retry.stillRefused.join(' '))} |`,
      ];
    }),
    '',
    '### Component view’s own codes (`ZoomMtgEmbedded`, [docs/component-view.md](component-view.md))',
    '',
    'Component view rejects `join()` with `{ type, reason, errorCode }`. These numbers mean something else there (or',
    'exist only there); every other code means the same as in the table above.',
    '',
    '| Code | Meaning | Likely cause | Fix |',
    '| --- | --- | --- | --- |',
    ...COMPONENT_VIEW_JOIN_ERROR_CODES.map((code) => {
      const info = explainJoinError(code, '', 'component');
      return `| ${code} | ${cell(info.meaning)} | ${cell(info.cause)} | ${cell(info.fix)} |`;
    }),
    '',
    '## Our functions’ error codes (`lib/errors/api-errors.ts`)',
    '',
    'Every function answers errors as JSON `{ "error": { "code", "message", "fields"? } }`; the page shows the message as the cause.',
    '',
    '| Code | Meaning | Usual cause | Fix |',
    '| --- | --- | --- | --- |',
    ...explanationRows(Object.entries(API_ERRORS)),
    '',
    '## Signature problems (page inspector and `npm run check-signature`, `lib/errors/signature-problems.ts`)',
    '',
    '| Problem | Meaning | Fix |',
    '| --- | --- | --- |',
    ...explanationRows(Object.entries(SIGNATURE_PROBLEMS)),
    END,
  ].join('\n');
}

function signInErrorsMarkdown(): string {
  const rows = explanationRows(Object.entries(SIGN_IN_ERRORS));
  return [
    SIGN_IN_START,
    '| Reason | Meaning | Likely cause | Fix |',
    '| --- | --- | --- | --- |',
    ...rows,
    SIGN_IN_END,
  ].join('\n');
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

/** README.md with its generated block (the Deploy button) rewritten from package.json. */
export function withGeneratedTables(readme: string, repository: unknown = packageRepository()): string {
  return replaceBlock(readme, DEPLOY_START, DEPLOY_END, deployButtonMarkdown(repository));
}

/** docs/errors.md with every error table rewritten from the code. */
export function withGeneratedErrorTables(doc: string): string {
  return replaceBlock(
    replaceBlock(doc, START, END, troubleshootingMarkdown()),
    SIGN_IN_START,
    SIGN_IN_END,
    signInErrorsMarkdown(),
  );
}

/** package.json's `repository`, else the git `origin` remote: a fork or a fresh publication gets its own button. */
function packageRepository(): unknown {
  return (JSON.parse(readFileSync('package.json', 'utf8')) as { repository?: unknown }).repository ?? originRemote();
}

if (isMainModule(import.meta.url)) {
  writeFileSync('README.md', withGeneratedTables(readFileSync('README.md', 'utf8')));
  writeFileSync(ERRORS_DOC, withGeneratedErrorTables(readFileSync(ERRORS_DOC, 'utf8')));
  console.log(`README.md and ${ERRORS_DOC} generated tables updated`);
}
