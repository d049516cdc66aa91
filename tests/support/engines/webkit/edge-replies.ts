/** A request that reached the edge, answered as the edge handler says: a body, a file, a refusal or silence. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { EdgeHandler, EdgeReply, EdgeRequest } from '../engine.ts';
import { contentTypeOf } from '../edge-files.ts';
import { messageOf } from './error-message.ts';

/** `where`: the scheme of the tunnel the request came through, or the absolute URL a plain proxy request named. */
export async function serveEdge(
  edge: EdgeHandler,
  req: IncomingMessage,
  res: ServerResponse,
  where: 'https:' | 'http:' | URL,
): Promise<void> {
  try {
    const request: EdgeRequest = {
      method: req.method ?? 'GET',
      url: typeof where === 'string' ? tunnelledUrl(req, where) : where,
      headers: flattenHeaders(withoutProxyHeaders(req.headers)),
      body: await readBody(req),
    };
    await sendReply(await answerOf(edge, request), req, res);
  } catch {
    // The browser hung up mid-request, or the file vanished mid-stream: nobody is left to answer.
    res.destroy();
  }
}

/** The proxy's own headers, which no server behind a proxy would see. */
export function withoutProxyHeaders(headers: IncomingMessage['headers']): IncomingMessage['headers'] {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.toLowerCase().startsWith('proxy-')));
}

/** A request through a tunnel names only its path; the host is in its Host header (HTTP/1.1 requires one). */
function tunnelledUrl(req: IncomingMessage, protocol: 'https:' | 'http:'): URL {
  return new URL(req.url ?? '/', `${protocol}//${req.headers.host ?? 'no-host.invalid'}`);
}

/**
 * A handler that throws answers 502 with its error, which a spec sees in the page rather than as a hang; readable
 * cross-origin, or the page would only see a network error.
 */
async function answerOf(edge: EdgeHandler, request: EdgeRequest): Promise<EdgeReply> {
  try {
    return await edge(request);
  } catch (error) {
    return {
      kind: 'respond',
      status: 502,
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'access-control-allow-origin': request.headers['origin'] ?? '*',
        'access-control-allow-credentials': 'true',
      },
      body: `The edge handler failed on ${request.method} ${request.url.href}: ${messageOf(error)}\n`,
    };
  }
}

async function sendReply(reply: EdgeReply, req: IncomingMessage, res: ServerResponse): Promise<void> {
  switch (reply.kind) {
    case 'respond':
      sendBody(reply.status, reply.headers, reply.body, req, res);
      return;
    case 'file':
      await sendFile(reply.path, reply.headers, req, res);
      return;
    case 'refuse':
      req.socket.destroy();
      return;
    case 'hang':
      // The socket stays open, tracked, until the proxy closes.
      return;
    default: {
      const unknown: never = reply;
      throw new Error(`Unknown edge reply ${JSON.stringify(unknown)}`);
    }
  }
}

function sendBody(
  status: number,
  headers: Record<string, string>,
  body: string,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const bodyless = req.method === 'HEAD' || status === 204 || status === 304 || status < 200;
  const lowerCased = lowerCaseKeys(headers);
  const length = bodyless || 'content-length' in lowerCased ? {} : { 'content-length': `${Buffer.byteLength(body)}` };
  res.writeHead(status, { ...lowerCased, ...length });
  res.end(bodyless ? undefined : body);
}

async function sendFile(
  path: string,
  headers: Record<string, string>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const size = await stat(path).then(
    (info) => (info.isFile() ? info.size : null),
    () => null,
  );
  if (size === null) {
    // With the reply's headers (its CORS ones), so the page sees a 404 rather than an opaque network error.
    const notFound = { ...lowerCaseKeys(headers), 'content-type': 'text/plain; charset=utf-8' };
    sendBody(404, notFound, `The edge has no file ${path}\n`, req, res);
    return;
  }
  const fileHeaders: OutgoingHttpHeaders = {
    'content-type': contentTypeOf(path),
    ...lowerCaseKeys(headers),
    'content-length': String(size),
  };
  res.writeHead(200, fileHeaders);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(path);
  stream.once('error', () => res.destroy());
  stream.pipe(res);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
