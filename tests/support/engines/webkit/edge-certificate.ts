/**
 * The edge's self-signed certificate for Zoom's hosts. The session accepts insecure certificates, so nothing needs
 * to trust it; it only has to name the hosts.
 */
import { messageOf } from './error-message.ts';
import { spawnTracked } from './tracked-children.ts';

const EDGE_CERTIFICATE_HOSTS = [
  '*.zoom.us',
  'zoom.us',
  '*.zoomgov.com',
  'zoomgov.com',
  'jssdk.zoomus.cn',
  '*.cloudfront.net',
];

export interface TlsCredentials {
  key: Buffer;
  cert: Buffer;
}

let credentials: Promise<TlsCredentials> | undefined;

/** Once per process: openssl takes a noticeable moment, and one certificate serves every session. */
export function edgeCredentials(): Promise<TlsCredentials> {
  credentials ??= generateCredentials().catch((error: unknown) => {
    credentials = undefined;
    throw error;
  });
  return credentials;
}

async function generateCredentials(): Promise<TlsCredentials> {
  const subjectAltName = EDGE_CERTIFICATE_HOSTS.map((host) => `DNS:${host}`).join(',');
  try {
    // Key and certificate on stdout, held in memory from there: no key file is written, so none can outlive the
    // process, however it ends (a signal, a crash).
    const pem = await outputOf('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=zoom-edge-fake',
      '-addext',
      `subjectAltName=${subjectAltName}`,
      '-keyout',
      '-',
      '-out',
      '-',
    ]);
    const key = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/.exec(pem)?.[0];
    const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
    if (key === undefined || cert === undefined) throw new Error('it printed no key and certificate');
    return { key: Buffer.from(key), cert: Buffer.from(cert) };
  } catch (error) {
    throw new Error(`openssl could not make the edge's certificate (apt-get install openssl): ${messageOf(error)}`);
  }
}

/** A command's standard output; tracked, so that a signal to the test process ends it too. */
function outputOf(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnTracked(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    // Only stderr for the error message: stdout holds the key.
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2_000);
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve(Buffer.concat(stdout).toString('utf8'));
      else reject(new Error(`${command} exited (${code ?? signal}): ${stderr.trim()}`));
    });
  });
}
