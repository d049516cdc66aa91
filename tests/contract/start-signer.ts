/**
 * Starting a signer for the contract suite: a process from signers/signers.json, or the Netlify function (bundled as
 * deployed) behind node:http in this process. Either way the suite gets a base URL and a stop function.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { bundleFunction, serveFunction } from '../../scripts/serve-function.ts';

/** Every variable a signer reads; a scenario sets some, and none leaks in from the shell running the tests. */
export const SIGNER_ENV_NAMES = [
  'ZOOM_MEETING_SDK_KEY',
  'ZOOM_MEETING_SDK_SECRET',
  'ALLOWED_ORIGINS',
  'ZOOM_ALLOWED_MEETINGS',
  'ZOOM_MAX_EXPIRATION_SECONDS',
] as const;
export type SignerEnv = Partial<Record<(typeof SIGNER_ENV_NAMES)[number], string>>;

export interface RunningSigner {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  stop(): Promise<void>;
}

export interface SignerUnderTest {
  name: string;
  /**
   * How long the server waits for a stalled request before dropping it; undefined: it has none of its own (PHP's
   * built-in server), or none this repository sets (the function's are Netlify's).
   */
  readDeadlineSeconds?: number;
  start(env: SignerEnv): Promise<RunningSigner>;
}

/** One entry of signers/signers.json; commands run from the repository root. */
export interface SignerEntry {
  language: string;
  /** The file to copy into an existing backend. */
  signer: string;
  /** Starts the HTTP server on $PORT (and $HOST). */
  start: string;
  /** Prints the token for each input of signers/vectors.json, one per line. */
  vectors: string;
  /** Debian packages that provide the runtime (.ci/run installs them). */
  packages: string[];
  /**
   * How long the server waits for a request's headers and body before it drops the connection; null: the server has
   * no such deadline (PHP's built-in server), see signers/README.md.
   */
  readDeadlineSeconds: number | null;
}

export const SIGNERS: SignerEntry[] = JSON.parse(readFileSync('signers/signers.json', 'utf8')) as SignerEntry[];

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The shell's environment minus every signer variable, plus the scenario's. */
function childEnv(env: SignerEnv, port: number): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const name of SIGNER_ENV_NAMES) delete base[name];
  return { ...base, ...env, HOST: '127.0.0.1', PORT: String(port) };
}

/** Any HTTP answer means the server is up (a Go signer compiles first: allow for that). */
async function waitForHttp(url: string, exited: () => string | null, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const failure = exited();
    if (failure) throw new Error(failure);
    const res = await fetch(`${url}/api/signature`, { signal: AbortSignal.timeout(1000) }).catch(() => null);
    if (res) {
      await res.body?.cancel();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/**
 * A signer from signers.json, started with its `start` command in a process group of its own, on `port` (a page
 * built to call it needs a fixed one) or on a free one.
 */
export function commandSigner(entry: SignerEntry, options: { port?: number } = {}): SignerUnderTest {
  return {
    name: entry.language,
    ...(entry.readDeadlineSeconds === null ? {} : { readDeadlineSeconds: entry.readDeadlineSeconds }),
    async start(env) {
      const port = options.port ?? (await freePort());
      const child = spawn(entry.start, {
        shell: true,
        detached: true,
        env: childEnv(env, port),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const url = `http://127.0.0.1:${port}`;
      const stop = async () => {
        if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
        await exit;
      };
      const exited = () =>
        child.exitCode === null && child.signalCode === null
          ? null
          : `${entry.language} signer exited (${child.exitCode}): ${stderr.slice(-2000)}`;
      try {
        await waitForHttp(url, exited, 60_000);
      } catch (error) {
        await stop();
        throw error;
      }
      return { url, stop };
    },
  };
}

/** Sets the signer variables of this process to exactly `env` until the returned function restores them. */
export function setProcessEnv(env: SignerEnv): () => void {
  const saved = SIGNER_ENV_NAMES.map((name) => [name, process.env[name]] as const);
  for (const name of SIGNER_ENV_NAMES) {
    const value = env[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/**
 * The Netlify function as deployed (functions/signature.ts bundled), reading this process's environment. Its read
 * deadlines are Netlify's, not this repository's: node:http here keeps its own defaults.
 */
export function functionSigner(): SignerUnderTest {
  const bundled = bundleFunction('functions/signature.ts', 'node_modules/.cache/contract/signature.mjs');
  return {
    name: 'netlify function',
    async start(env) {
      const server = serveFunction(await bundled);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const restore = setProcessEnv(env);
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}`,
        async stop() {
          await new Promise((resolve) => server.close(resolve));
          restore();
        },
      };
    },
  };
}
