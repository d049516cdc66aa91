/**
 * "What headers does /meeting.html get?": the whole answer, per path, printed below as Netlify computes it from what
 * the build writes (dist/_headers) and netlify.toml, and checked to come from vite-plugins/document-headers.ts alone.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseAllHeaders, type Header } from '@netlify/headers-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headersFile, headersFor, siteHeaderRules } from '../../vite-plugins/document-headers.ts';
import { DEFAULT_ZOOM_CLOUD } from '../../lib/zoom-cloud.ts';
import { SELF_HOSTED_LIB_PATH } from '../../lib/zoom-assets.ts';

/** A path of every kind the site serves: the documents at each of their addresses, the static files, the rest. */
const PATHS = [
  '/',
  '/index.html',
  '/index',
  '/j/123456789',
  '/meeting.html',
  '/meeting',
  '/meeting-component.html',
  '/meeting-component',
  '/corp/meeting.html',
  '/corp/meeting',
  '/corp/meeting-component.html',
  '/corp/meeting-component',
  '/embed.html',
  '/embed',
  '/embed.js',
  '/embed.mjs',
  '/assets/main-B4x9kQ2a.js',
  `${SELF_HOSTED_LIB_PATH}/av/js_media.min.js`,
  '/favicon.ico',
];

/** Where code and site files live (not node_modules, nor the build's outputs: dist/ holds the one _headers). */
const SOURCE_FOLDERS = ['web', 'lib', 'functions', 'scripts', 'vite-plugins', 'bench', 'tests', 'signers', 'docs'];

const options = { cloud: DEFAULT_ZOOM_CLOUD };
const folder = mkdtempSync(join(tmpdir(), 'document-headers-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let netlifyRules: Header[];
let configRules: Header[];
beforeAll(async () => {
  const built = join(folder, '_headers');
  writeFileSync(built, headersFile(options));
  const parse = async (headersFiles: string[]) => {
    const { headers, errors } = await parseAllHeaders({
      headersFiles,
      netlifyConfigPath: 'netlify.toml',
      configHeaders: [],
      minimal: false,
    });
    expect(errors).toEqual([]);
    return headers as Header[];
  };
  netlifyRules = await parse([built]);
  configRules = await parse([]);
});

/** Header name → every value it gets on `path`, one per matching rule (Netlify joins several into one). */
function servedOn(path: string): Record<string, string[]> {
  const values: Record<string, string[]> = {};
  for (const rule of netlifyRules.filter((r) => r.forRegExp.test(path)))
    for (const [name, value] of Object.entries(rule.values)) (values[name] ??= []).push(value);
  return values;
}

describe('every header a page, frame or file gets (vite-plugins/document-headers.ts)', () => {
  it('prints the full header set per path, each header from exactly one rule', () => {
    const table = PATHS.map((path) => {
      const headers = Object.entries(servedOn(path)).sort(([a], [b]) => a.localeCompare(b));
      for (const [name, values] of headers) expect(values, `${path} ${name}`).toHaveLength(1);
      return [path, ...headers.map(([name, [value]]) => `  ${name}: ${value}`)].join('\n');
    });
    console.log(`The site's headers per path (default build):\n\n${table.join('\n\n')}\n`);
    expect(table.length).toBe(PATHS.length);
  });

  it('gives each kind of path its headers', () => {
    const names = Object.fromEntries(PATHS.map((path) => [path, Object.keys(servedOn(path)).sort().join(', ')]));
    expect(names).toMatchInlineSnapshot(`
      {
        "/": "Cache-Control, Content-Security-Policy, Cross-Origin-Embedder-Policy, Cross-Origin-Opener-Policy, Permissions-Policy, Referrer-Policy, Reporting-Endpoints, X-Content-Type-Options",
        "/assets/main-B4x9kQ2a.js": "Cache-Control, Cross-Origin-Embedder-Policy, Permissions-Policy, Referrer-Policy, X-Content-Type-Options",
        "/corp/meeting": "Cache-Control, Content-Security-Policy, Content-Security-Policy-Report-Only, Cross-Origin-Embedder-Policy, Cross-Origin-Opener-Policy, Permissions-Policy, Referrer-Policy, Reporting-Endpoints, X-Content-Type-Options",
        "/corp/meeting-component": "Cache-Control, Content-Security-Policy, Content-Security-Policy-Report-Only, Cross-Origin-Embedder-Policy, Cross-Origin-Opener-Policy, Permissions-Policy, Referrer-Policy, Reporting-Endpoints, X-Content-Type-Options",
        "/corp/meeting-component.html": "Cache-Control, Content-Security-Policy, Content-Security-Policy-Report-Only, Cross-Origin-Embedder-Policy, Cross-Origin-Opener-Policy, Permissions-Policy, Referrer-Policy, Reporting-Endpoints, X-Content-Type-Options",
        "/corp/meeting.html": "Cache-Control, Content-Security-Policy, Content-Security-Policy-Report-Only, Cross-Origin-Embedder-Policy, Cross-Origin-Opener-Policy, Permissions-Policy, Referrer-Policy, Reporting-Endpoints, X-Content-Type-Options",
        "/embed": "Cache-Control, Content-Security-Policy, Cross-Origin-Embedder-Policy, Cross-Origin-Opener-Policy, Cross-Origin-Resource-Policy, Permissions-Policy, Referrer-Policy, Reporting-Endpoints, X-Content-Type-Options",
        "/embed.html": "Cache-Control, Content-Security-Policy, Cross-Origin-Embedder-Policy, Cross-Origin-Opener-Policy, Cross-Origin-Resource-Policy, Permissions-Policy, Referrer-Policy, Reporting-Endpoints, X-Content-Type-Options",
        "/embed.js": "Access-Control-Allow-Origin, Cache-Control, Cross-Origin-Resource-Policy, Permissions-Policy, Referrer-Policy, X-Content-Type-Options",
        "/embed.mjs": "Access-Control-Allow-Origin, Cache-Control, Cross-Origin-Resource-Policy, Permissions-Policy, Referrer-Policy, X-Content-Type-Options",
        "/favicon.ico": "Permissions-Policy, Referrer-Policy, X-Content-Type-Options",
        "/index": "Cache-Control, Content-Security-Policy, Cross-Origin-Embedder-Policy, Cross-Origin-Opener-Policy, Permissions-Policy, Referrer-Policy, Reporting-Endpoints, X-Content-Type-Options",
        "/index.html": "Cache-Control, Content-Security-Policy, Cross-Origin-Embedder-Policy, Cross-Origin-Opener-Policy, Permissions-Policy, Referrer-Policy, Reporting-Endpoints, X-Content-Type-Options",
        "/j/123456789": "Cache-Control, Content-Security-Policy, Cross-Origin-Embedder-Policy, Cross-Origin-Opener-Policy, Permissions-Policy, Referrer-Policy, Reporting-Endpoints, X-Content-Type-Options",
        "/meeting": "Cache-Control, Content-Security-Policy, Content-Security-Policy-Report-Only, Cross-Origin-Embedder-Policy, Cross-Origin-Opener-Policy, Permissions-Policy, Referrer-Policy, Reporting-Endpoints, X-Content-Type-Options",
        "/meeting-component": "Cache-Control, Content-Security-Policy, Content-Security-Policy-Report-Only, Cross-Origin-Embedder-Policy, Cross-Origin-Opener-Policy, Permissions-Policy, Referrer-Policy, Reporting-Endpoints, X-Content-Type-Options",
        "/meeting-component.html": "Cache-Control, Content-Security-Policy, Content-Security-Policy-Report-Only, Cross-Origin-Embedder-Policy, Cross-Origin-Opener-Policy, Permissions-Policy, Referrer-Policy, Reporting-Endpoints, X-Content-Type-Options",
        "/meeting.html": "Cache-Control, Content-Security-Policy, Content-Security-Policy-Report-Only, Cross-Origin-Embedder-Policy, Cross-Origin-Opener-Policy, Permissions-Policy, Referrer-Policy, Reporting-Endpoints, X-Content-Type-Options",
        "/zoom-sdk/6.2.0/lib/av/js_media.min.js": "Cache-Control, Cross-Origin-Embedder-Policy, Permissions-Policy, Referrer-Policy, X-Content-Type-Options",
      }
    `);
  });

  it('serves in vite and vite preview what Netlify serves from dist/_headers', () => {
    const rules = siteHeaderRules(options);
    for (const path of [...PATHS, '/J/123', '/meeting.html/', '/assets/', '/zoom-sdk']) {
      const netlify = Object.fromEntries(Object.entries(servedOn(path)).map(([name, [value]]) => [name, value]));
      expect(headersFor(rules, path), path).toEqual(netlify);
    }
  });
});

describe('who may frame what (EMBED_ORIGINS)', () => {
  const ancestors = (embedOrigins: string[] | undefined, path: string) =>
    /frame-ancestors ([^;]+)/.exec(
      headersFor(siteHeaderRules({ ...options, embedOrigins }), path)['Content-Security-Policy'] ?? '',
    )?.[1];

  it('unset: nobody else frames anything', () => {
    for (const path of ['/', '/embed.html', '/meeting.html', '/corp/meeting-component']) {
      expect(ancestors(undefined, path), path).toBe("'self'");
    }
  });

  it('listed sites frame the embed document and the meeting frames it opens, never the form page', () => {
    const listed = ['https://courses.example.com', 'http://127.0.0.1:4183'];
    for (const path of ['/embed.html', '/embed', '/meeting.html', '/meeting-component', '/corp/meeting.html']) {
      expect(ancestors(listed, path), path).toBe(`'self' ${listed.join(' ')}`);
    }
    for (const path of ['/', '/index.html', '/j/123456789']) expect(ancestors(listed, path), path).toBe("'self'");
  });
});

describe('no second source', () => {
  it('netlify.toml declares no headers (a rule there would merge into the file’s)', () => {
    expect(configRules).toEqual([]);
  });

  it('no file but vite-plugins/document-headers-plugin.ts writes _headers, and none sits in the sources', () => {
    const files = ['.', ...SOURCE_FOLDERS].flatMap((folder) =>
      folder === '.'
        ? readdirSync('.').filter((file) => statSync(file).isFile())
        : readdirSync(folder, { recursive: true, encoding: 'utf8' }).map((file) => join(folder, file)),
    );
    // netlify dev and netlify serve read a _headers beside netlify.toml or in the publish folder too.
    expect(files.filter((file) => basename(file) === '_headers')).toEqual([]);
    const writers = files.filter(
      (file) =>
        /\.(?:ts|js|mjs)$/.test(file) &&
        !file.startsWith('tests/') &&
        readFileSync(file, 'utf8').includes("'_headers'"),
    );
    expect(writers).toEqual(['vite-plugins/document-headers-plugin.ts']);
  });
});
