/**
 * WebKit (Safari's engine) as WebKitGTK's MiniBrowser, driven through classic WebDriver (WebKitWebDriver), on its
 * own Xvfb display. Nothing leaves the machine: the browser's proxy is a server here that terminates TLS for every
 * host with a self-signed certificate (the session accepts insecure certificates) and answers with the edge handler.
 *
 * WebKitGTK ignores the WebDriver `proxy` capability for HTTPS but honours the usual proxy environment variables, so
 * the proxy is set on the driver's environment, which MiniBrowser inherits.
 */

import { execFile, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect as netConnect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { Builder, type WebDriver } from 'selenium-webdriver';
import type { EdgeHandler, EdgeReply, EdgeRequest, EngineSession } from './engine.ts';

const WEBKIT_WEBDRIVER = '/usr/bin/WebKitWebDriver';
const XVFB = '/usr/bin/Xvfb';
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

const REQUIRED_BINARIES = [
  { path: WEBKIT_WEBDRIVER, name: 'WebKitWebDriver' },
  { path: XVFB, name: 'Xvfb' },
  { path: MINIBROWSER, name: 'MiniBrowser' },
] as const;
const INSTALL_HINT = 'apt-get install webkit2gtk-driver xvfb';

const WAIT_MS = 30_000;
const POLL_MS = 50;
const SCRIPT_TIMEOUT_MS = 60_000;
/** As Playwright's navigations: a page whose load never ends (a `hang` reply to a subresource) fails, not stalls. */
const PAGE_LOAD_TIMEOUT_MS = 60_000;
const QUIT_TIMEOUT_MS = 10_000;
/** What the error message quotes of a child's output; enough for its last complaints. */
const OUTPUT_TAIL_CHARS = 8_000;

const EDGE_CERTIFICATE_HOSTS = [
  '*.zoom.us',
  'zoom.us',
  '*.zoomgov.com',
  'zoomgov.com',
  'jssdk.zoomus.cn',
  '*.cloudfront.net',
];

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.css': 'text/css',
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

const execFileAsync = promisify(execFile);

export function webkitAvailable(): boolean {
  return REQUIRED_BINARIES.every(({ path }) => existsSync(path));
}

export async function launchWebKit(edge: EdgeHandler): Promise<EngineSession> {
  const missing = REQUIRED_BINARIES.filter(({ path }) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(`${missing.map(({ name, path }) => `${name} (${path})`).join(', ')} not found: ${INSTALL_HINT}`);
  }
  // Torn down in reverse, whether the launch fails halfway or the session closes.
  const teardown: Array<() => Promise<void>> = [];
  try {
    const display = await startXvfb();
    teardown.push(() => stopProcess(display.process));
    const proxy = await startEdgeProxy(edge, await edgeCredentials());
    teardown.push(() => proxy.close());
    const webDriver = await startWebKitWebDriver(display.number, proxy.port);
    teardown.push(() => stopWebKitWebDriver(webDriver.process));
    const driver = await createSession(webDriver);
    teardown.push(() => quitSession(driver, webDriver.process));
    return await sessionOf(driver, () => runTeardown(teardown));
  } catch (error) {
    await runTeardown(teardown);
    throw error;
  }
}

async function runTeardown(steps: Array<() => Promise<void>>): Promise<void> {
  for (const step of steps.splice(0).reverse()) {
    await step().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// The session

async function sessionOf(driver: WebDriver, teardown: () => Promise<void>): Promise<EngineSession> {
  const version = await browserVersion(driver);
  let closing: Promise<void> | undefined;
  return {
    engine: 'webkit',
    version,
    goto: async (url) => {
      await driver.get(url);
    },
    evaluate: (expression) => evaluateIn(driver, expression),
    close: () => (closing ??= teardown()),
  };
}

async function createSession(webDriver: RunningWebDriver): Promise<WebDriver> {
  const capabilities = {
    browserName: 'MiniBrowser',
    acceptInsecureCerts: true,
    pageLoadStrategy: 'normal',
    'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
  };
  try {
    // Not the SELENIUM_* environment variables: this session is always this driver's.
    const building = new Builder()
      .disableEnvironmentOverrides()
      .usingServer(webDriver.url)
      .withCapabilities(capabilities)
      .build();
    // The driver waits for ever for a browser that dies before it connects back (a broken binary, no display).
    const driver = await withTimeout(Promise.resolve(building), WAIT_MS, 'MiniBrowser to connect to WebKitWebDriver');
    await withTimeout(
      driver.manage().setTimeouts({ script: SCRIPT_TIMEOUT_MS, pageLoad: PAGE_LOAD_TIMEOUT_MS }),
      WAIT_MS,
      'WebKitWebDriver to set the timeouts',
    );
    return driver;
  } catch (error) {
    throw new Error(`WebKitWebDriver could not open a MiniBrowser session: ${messageOf(error)}${webDriver.output()}`);
  }
}

/** "WebKitGTK 2.50.6": the capabilities carry the WebKitGTK release; the user agent only a frozen Safari-like one. */
async function browserVersion(driver: WebDriver): Promise<string> {
  const capabilities = await driver.getCapabilities();
  const release: unknown = capabilities.get('browserVersion');
  if (typeof release === 'string' && release !== '') return `WebKitGTK ${release}`;
  const userAgent = await driver.executeScript<unknown>('return navigator.userAgent');
  return typeof userAgent === 'string' ? userAgent : 'WebKitGTK';
}

type ScriptResult = { ok: true; v?: unknown } | { ok: false; e: string };

function isScriptResult(value: unknown): value is ScriptResult {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

async function evaluateIn<T>(driver: WebDriver, expression: string): Promise<T> {
  // `Promise.resolve().then(...)` so a synchronous throw is reported like a rejection. The message as well as the
  // stack: WebKit's `stack` holds only the frames (a bare "@" for code run through WebDriver).
  const script = `
    const done = arguments[arguments.length - 1];
    const describe = (e) => (e && e.stack ? String(e) + '\\n' + e.stack : String(e));
    Promise.resolve()
      .then(() => (${expression}\n))
      .then((v) => done({ ok: true, v }), (e) => done({ ok: false, e: describe(e) }));`;
  const result = await driver.executeAsyncScript<unknown>(script);
  if (!isScriptResult(result)) {
    throw new Error(`evaluate: unexpected result from WebKitWebDriver: ${JSON.stringify(result)}`);
  }
  if (!result.ok) throw new Error(`evaluate failed in the page: ${result.e}`);
  return result.v as T;
}

/**
 * Ends the session once MiniBrowser's web and network processes are gone: quitting makes MiniBrowser exit without
 * waiting for them, and they would outlive it as orphans (stopWebKitWebDriver says why that matters).
 */
async function quitSession(driver: WebDriver, webDriver: ChildProcess): Promise<void> {
  if (webDriver.pid !== undefined) await stopGroupMembers(webDriver.pid, 2);
  await withTimeout(driver.quit(), QUIT_TIMEOUT_MS, 'the session to quit').catch(() => undefined);
}

// ---------------------------------------------------------------------------------------------------------------------
// Xvfb

interface Display {
  number: number;
  process: ChildProcess;
}

async function startXvfb(): Promise<Display> {
  const errors: string[] = [];
  // Another test worker may take the same free-looking display between the check and Xvfb's lock: try the next.
  for (let attempt = 0; attempt < 10; attempt++) {
    const number = freeDisplayNumber();
    const xvfb = spawnTracked(XVFB, [`:${number}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const output = collectOutput(xvfb);
    try {
      await waitUntil(() => existsSync(displaySocket(number)), `Xvfb :${number} to open its socket`, xvfb);
      return { number, process: xvfb };
    } catch (error) {
      const exitedEarly = hasExited(xvfb);
      await stopProcess(xvfb);
      errors.push(`${messageOf(error)}${output()}`);
      if (!exitedEarly) break;
    }
  }
  throw new Error(`Xvfb did not start (${INSTALL_HINT}):\n${errors.join('\n')}`);
}

function displaySocket(number: number): string {
  return `/tmp/.X11-unix/X${number}`;
}

function freeDisplayNumber(): number {
  // A random start, so parallel launches seldom race for the same number.
  const start = 100 + Math.floor(Math.random() * 800);
  for (let offset = 0; offset < 800; offset++) {
    const number = 100 + ((start - 100 + offset) % 800);
    if (!existsSync(displaySocket(number)) && !existsSync(`/tmp/.X${number}-lock`)) return number;
  }
  throw new Error('No free X display between :100 and :899');
}

// ---------------------------------------------------------------------------------------------------------------------
// WebKitWebDriver

interface RunningWebDriver {
  url: string;
  process: ChildProcess;
  /** The driver's (and MiniBrowser's) output so far, for error messages; empty or starting with a newline. */
  output: () => string;
}

async function startWebKitWebDriver(display: number, proxyPort: number): Promise<RunningWebDriver> {
  const proxy = `http://127.0.0.1:${proxyPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DISPLAY: `:${display}`,
    http_proxy: proxy,
    https_proxy: proxy,
    HTTP_PROXY: proxy,
    HTTPS_PROXY: proxy,
    no_proxy: 'localhost,127.0.0.1,::1',
    NO_PROXY: 'localhost,127.0.0.1,::1',
  };
  // An inherited catch-all proxy would send the browser's traffic off the machine instead of to ours.
  delete env['all_proxy'];
  delete env['ALL_PROXY'];
  let lastError = '';
  // The port is free when asked for, not necessarily when the driver binds it: retry on an early exit.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    // Its own process group, so MiniBrowser and its web and network processes can be found and stopped with it.
    const child = spawnTracked(WEBKIT_WEBDRIVER, [`--port=${port}`, '--host=127.0.0.1'], {
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = collectOutput(child);
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitUntil(() => answersStatus(url), `WebKitWebDriver to answer ${url}/status`, child);
      return { url, process: child, output };
    } catch (error) {
      lastError = `${messageOf(error)}${output()}`;
      const exitedEarly = hasExited(child);
      await stopWebKitWebDriver(child);
      if (!exitedEarly) break;
    }
  }
  throw new Error(`WebKitWebDriver did not start: ${lastError}`);
}

async function answersStatus(url: string): Promise<boolean> {
  const response = await fetch(`${url}/status`, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
  return response?.ok ?? false;
}

/**
 * Stops the driver's process group from the leaves up (web and network processes, then MiniBrowser, then the driver),
 * so that every process dies while its parent lives to reap it. An orphan is re-parented to PID 1, which in a
 * container may reap it late or never: it would linger as a zombie in `pgrep`.
 */
async function stopWebKitWebDriver(driver: ChildProcess): Promise<void> {
  const leader = driver.pid;
  if (leader === undefined) return;
  await stopGroupMembers(leader, 1);
  await stopProcess(driver);
  // Anything left of the group by now gets no more courtesy.
  signal(-leader, 'SIGKILL');
}

/**
 * Stops the live members of the group at least `minDepth` generations below its leader, leaves first, each wave
 * waited for until its parents have reaped it.
 */
async function stopGroupMembers(leader: number, minDepth: number): Promise<void> {
  for (let wave = 0; wave < 6; wave++) {
    const members = liveGroupMembers(leader);
    const depthOf = depthsBelow(leader, members);
    const targets = members.filter(({ pid }) => (depthOf.get(pid) ?? 0) >= minDepth);
    if (targets.length === 0) return;
    const parents = new Set(members.map(({ ppid }) => ppid));
    const leaves = targets.filter(({ pid }) => !parents.has(pid));
    for (const { pid } of leaves) signal(pid, wave < 4 ? 'SIGTERM' : 'SIGKILL');
    await waitUntilQuiet(() => leaves.every(({ pid }) => procStatFields(pid) === null), 2_000);
  }
}

/** Generations below the leader (1 for its children); members whose parent left the group count as children. */
function depthsBelow(leader: number, members: ProcessInfo[]): Map<number, number> {
  const parentOf = new Map(members.map(({ pid, ppid }) => [pid, ppid]));
  const depths = new Map<number, number>();
  for (const { pid } of members) {
    let depth = 0;
    for (let at: number | undefined = pid; at !== undefined && at !== leader && depth <= members.length; depth++) {
      at = parentOf.get(at);
    }
    depths.set(pid, pid === leader ? 0 : Math.max(depth, 1));
  }
  return depths;
}

interface ProcessInfo {
  pid: number;
  ppid: number;
}

/** The live (not zombie) processes of a process group, from /proc. */
function liveGroupMembers(pgid: number): ProcessInfo[] {
  const members: ProcessInfo[] = [];
  for (const entry of safeReaddir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = procStatFields(Number(entry));
    if (fields && fields.pgrp === pgid && fields.state !== 'Z' && fields.state !== 'X') {
      members.push({ pid: Number(entry), ppid: fields.ppid });
    }
  }
  return members;
}

function procStatFields(pid: number): { state: string; ppid: number; pgrp: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may itself hold spaces and parentheses: the fields start after the last ')'.
    const [state = '', ppid = '', pgrp = ''] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state, ppid: Number(ppid), pgrp: Number(pgrp) };
  } catch {
    return null;
  }
}

function safeReaddir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// TLS

interface TlsCredentials {
  key: Buffer;
  cert: Buffer;
}

let credentials: Promise<TlsCredentials> | undefined;

/** Once per process: openssl takes a noticeable moment, and one certificate serves every session. */
function edgeCredentials(): Promise<TlsCredentials> {
  credentials ??= generateCredentials().catch((error: unknown) => {
    credentials = undefined;
    throw error;
  });
  return credentials;
}

async function generateCredentials(): Promise<TlsCredentials> {
  const dir = await mkdtemp(join(tmpdir(), 'zoom-edge-tls-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  const subjectAltName = EDGE_CERTIFICATE_HOSTS.map((host) => `DNS:${host}`).join(',');
  try {
    await execFileAsync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
      '-subj', '/CN=zoom-edge-fake',
      '-addext', `subjectAltName=${subjectAltName}`,
      '-keyout', keyPath, '-out', certPath,
    ]);
    return { key: await readFile(keyPath), cert: await readFile(certPath) };
  } catch (error) {
    throw new Error(`openssl could not make the edge's certificate (apt-get install openssl): ${messageOf(error)}`);
  } finally {
    // Held in memory from here: no key file outlives the process, however it ends.
    await rm(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// The edge proxy

interface EdgeProxy {
  port: number;
  close(): Promise<void>;
}

async function startEdgeProxy(edge: EdgeHandler, tls: TlsCredentials): Promise<EdgeProxy> {
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

async function serveEdge(
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
    'content-type': CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
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

/** The proxy's own headers, which no server behind a proxy would see. */
function withoutProxyHeaders(headers: IncomingMessage['headers']): IncomingMessage['headers'] {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.toLowerCase().startsWith('proxy-')));
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
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

// ---------------------------------------------------------------------------------------------------------------------
// Processes

/**
 * Children still running (with whether they lead their own process group), killed outright should the test process
 * exit without closing its sessions.
 */
const running = new Map<ChildProcess, boolean>();
let exitHookInstalled = false;

function spawnTracked(command: string, args: string[], options: SpawnOptions): ChildProcess {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const [child, leadsGroup] of running) {
        if (child.pid !== undefined) signal(leadsGroup ? -child.pid : child.pid, 'SIGKILL');
      }
    });
  }
  const child = spawn(command, args, options);
  running.set(child, options.detached === true);
  child.once('exit', () => running.delete(child));
  // A missing or unrunnable binary: reported through hasExited() and the waits, not as an unhandled 'error'.
  child.once('error', () => running.delete(child));
  return child;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null || child.pid === undefined;
}

function exitOf(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (hasExited(child) || child.pid === undefined) return;
  signal(child.pid, 'SIGTERM');
  if (await exitOf(child, 5_000)) return;
  signal(child.pid, 'SIGKILL');
  await exitOf(child, 2_000);
}

/** kill(2), where "no such process" means the work is done. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // ESRCH: already gone.
  }
}

function collectOutput(child: ChildProcess): () => string {
  let output = '';
  const append = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let spawnError = '';
  child.once('error', (error) => {
    spawnError = `\n${error.message}`;
  });
  return () => {
    const text = `${spawnError}${output.trim() === '' ? '' : `\n${output.trim()}`}`;
    return text === '' ? '' : `\n--- output of ${child.spawnfile} ---${text}`;
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Waiting

async function waitUntil(check: () => boolean | Promise<boolean>, what: string, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (await check()) return;
    if (child && hasExited(child)) {
      const how = child.exitCode ?? child.signalCode ?? 'did not start';
      throw new Error(`Gave up waiting for ${what}: ${child.spawnfile} exited (${how})`);
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${WAIT_MS / 1000} s waiting for ${what}`);
    await sleep(POLL_MS);
  }
}

/** As waitUntil, for a clean-up step: a timeout is no error, the caller moves on to harsher means. */
async function waitUntilQuiet(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await sleep(POLL_MS);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms / 1000} s waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
