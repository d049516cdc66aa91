/**
 * The browser's proxy: a loopback server that terminates TLS for every host it is asked to CONNECT to (with the
 * edge's certificate) and hands the requests to the edge handler. Requests to this machine pass through untouched.
 */
import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import type { EdgeHandler } from '../engine.ts';
import type { TlsCredentials } from './edge-certificate.ts';
import { serveEdge, withoutProxyHeaders } from './edge-replies.ts';

interface EdgeProxy {
  port: number;
  close(): Promise<void>;
}

export async function startEdgeProxy(edge: EdgeHandler, tls: TlsCredentials): Promise<EdgeProxy> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // A browser that gives up mid-answer resets the connection; that is no failure of the proxy's.
    socket.on('error', () => socket.destroy());
  };
  // The tunnels' servers never listen: CONNECT hands them its sockets.
  const httpsEdge = createHttpsServer(tls, (req, res) => void serveEdge(edge, req, res, 'https:'));
  const httpEdge = createHttpServer((req, res) => void serveEdge(edge, req, res, 'http:'));
  httpsEdge.on('secureConnection', track);
  httpsEdge.on('tlsClientError', (_error, socket) => socket.destroy());
  const proxy = createHttpServer((req, res) => void serveProxyRequest(edge, req, res, track));
  proxy.on('connection', track);
  proxy.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    openTunnel(req, socket, head, { https: httpsEdge, http: httpEdge, track });
  });
  for (const server of [proxy, httpEdge, httpsEdge]) server.on('clientError', (_error, socket) => socket.destroy());

  const port = await listenOnLoopback(proxy);
  return {
    port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all([proxy, httpEdge, httpsEdge].map(closeServer));
    },
  };
}

interface TunnelEnds {
  https: Server;
  http: Server;
  track: (socket: Socket) => void;
}

function openTunnel(req: IncomingMessage, socket: Socket, head: Buffer, ends: TunnelEnds): void {
  const authority = parseAuthority(req.url ?? '');
  if (!authority) {
    socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    return;
  }
  if (isLoopback(authority.hostname)) {
    tunnelToLoopback(socket, head, authority, ends.track);
    return;
  }
  socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
  // Bytes the browser sent after CONNECT, before our answer (a TLS ClientHello), belong to the tunnel.
  if (head.length > 0) socket.unshift(head);
  // Port 80 tunnels plain HTTP (rare); every other port is taken to be TLS.
  (authority.port === 80 ? ends.http : ends.https).emit('connection', socket);
}

function tunnelToLoopback(socket: Socket, head: Buffer, target: Authority, track: (socket: Socket) => void): void {
  const upstream = netConnect(target.port, target.hostname.replace(/^\[|\]$/g, ''));
  track(upstream);
  upstream.once('connect', () => {
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) upstream.write(head);
    upstream.pipe(socket).pipe(upstream);
  });
  upstream.once('error', () => socket.destroy());
  upstream.once('close', () => socket.destroy());
  socket.once('close', () => upstream.destroy());
}

interface Authority {
  hostname: string;
  port: number;
}

function parseAuthority(authority: string): Authority | null {
  try {
    const url = new URL(`https://${authority}`);
    return { hostname: url.hostname, port: url.port === '' ? 443 : Number(url.port) };
  } catch {
    return null;
  }
}

function isLoopback(hostname: string): boolean {
  return ['localhost', '[::1]', '::1'].includes(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** A plain-HTTP request to the proxy itself: `GET http://host/path`, as browsers send them. */
async function serveProxyRequest(
  edge: EdgeHandler,
  req: IncomingMessage,
  res: ServerResponse,
  track: (socket: Socket) => void,
): Promise<void> {
  const target = parseUrl(req.url ?? '');
  if (!target || target.protocol !== 'http:') {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end('The edge proxy takes absolute http:// URLs and CONNECT\n');
    return;
  }
  if (isLoopback(target.hostname)) {
    forwardToLoopback(req, res, target, track);
    return;
  }
  await serveEdge(edge, req, res, target);
}

/** Should the browser proxy a request to this machine after all (no_proxy ignored), it still arrives. */
function forwardToLoopback(
  req: IncomingMessage,
  res: ServerResponse,
  target: URL,
  track: (socket: Socket) => void,
): void {
  const upstream = httpRequest(
    {
      hostname: target.hostname.replace(/^\[|\]$/g, ''),
      port: target.port === '' ? 80 : Number(target.port),
      method: req.method,
      path: `${target.pathname}${target.search}`,
      headers: withoutProxyHeaders(req.headers),
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('socket', track);
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function listenOnLoopback(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
