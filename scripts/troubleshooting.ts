/**
 * The README's troubleshooting tables, generated from the code's own tables so the docs cannot drift:
 * `npm run docs` rewrites them; a unit test fails when README.md is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SIGNATURE_PROBLEMS } from '../lib/check-signature.ts';
import { KNOWN_JOIN_ERROR_CODES, explainJoinError } from '../lib/join-errors.ts';

export const START = '<!-- generated:troubleshooting:start (npm run docs) -->';
export const END = '<!-- generated:troubleshooting:end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function troubleshootingMarkdown(): string {
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

export function withTroubleshooting(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${START} … ${END}`);
  return readme.slice(0, start) + troubleshootingMarkdown() + readme.slice(end + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readme = readFileSync('README.md', 'utf8');
  writeFileSync('README.md', withTroubleshooting(readme));
  console.log('README.md troubleshooting tables updated');
}
