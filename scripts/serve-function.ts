/**
 * A bundled Netlify function behind plain node:http, as Netlify's runtime serves it: for `npm run bench:load` and
 * for the contract suite that holds the function and every signer in signers/ to the same HTTP behaviour.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from '@netlify/functions';
import { build } from 'esbuild';
import { buildOptions } from './build-functions.ts';

export type Handler = (req: Request, context: Context) => Promise<Response>;

interface FunctionModule {
  default: Handler;
  config?: { path?: string };
}

/** The very module Netlify deploys (as `npm run build` bundles it), built fresh into `outfile`. */
export async function bundleFunction(entry: string, outfile: string): Promise<FunctionModule> {
  mkdirSync(dirname(outfile), { recursive: true });
  await build({ ...buildOptions(), entryPoints: [entry], outdir: undefined, outfile });
  // A query string defeats the module cache, so a rebuilt bundle is the one imported.
  return (await import(`${pathToFileURL(outfile).href}?${Date.now()}`)) as FunctionModule;
}

/**
 * node:http → web Request → handler → web Response → node:http. Like Netlify, only the function's `config.path`
 * reaches it; any other path is a 404 from the "platform".
 */
export function serveFunction({ default: handler, config }: FunctionModule): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      if (config?.path && url.pathname !== config.path) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
        return;
      }
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const request = new Request(url, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
      });
      // Netlify's context (geo, cookies, site) is not used by these functions.
      handler(request, {} as Context)
        .then(async (response) => {
          res.writeHead(response.status, Object.fromEntries(response.headers));
          res.end(Buffer.from(await response.arrayBuffer()));
        })
        .catch(() => res.writeHead(500).end());
    });
  });
}
