import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface CriticalFile {
  file: string;
  kind: 'html' | 'js' | 'css';
  bytes: number;
  gzipBytes: number;
}

const gz = (data: Buffer) => gzipSync(data, { level: 9 }).length;

/**
 * What a browser must fetch before the form is interactive: the HTML, its stylesheets, its module scripts and
 * every module those import statically. Dynamic `import()`s (the join flow, the SDK) are not followed.
 */
export function criticalPath(distDir: string, page = 'index.html'): CriticalFile[] {
  const files = new Map<string, CriticalFile>();
  const add = (path: string, kind: CriticalFile['kind']) => {
    const key = relative(distDir, path);
    if (files.has(key)) return false;
    const data = readFileSync(path);
    files.set(key, { file: key, kind, bytes: data.length, gzipBytes: gz(data) });
    return true;
  };
  const htmlPath = join(distDir, page);
  add(htmlPath, 'html');
  const html = readFileSync(htmlPath, 'utf8');
  const local = (href: string) => join(distDir, href.replace(/^\//, ''));

  for (const [, href] of html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)) add(local(href!), 'css');
  const queue: string[] = [];
  for (const [, src] of html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)) queue.push(local(src!));
  for (const [, href] of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) queue.push(local(href!));
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (!add(path, 'js')) continue;
    const code = readFileSync(path, 'utf8');
    // Static imports only: `import"./x.js"` and `from"./x.js"`; `import("./x.js")` is lazy by design.
    for (const [, spec] of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      queue.push(join(dirname(path), spec!));
    }
  }
  return [...files.values()];
}

export function totals(files: CriticalFile[], kind?: CriticalFile['kind']): { bytes: number; gzipBytes: number } {
  const chosen = kind ? files.filter((f) => f.kind === kind) : files;
  return {
    bytes: chosen.reduce((sum, f) => sum + f.bytes, 0),
    gzipBytes: chosen.reduce((sum, f) => sum + f.gzipBytes, 0),
  };
}
