import { createServer, type Server } from 'node:http';
import { signMeetingSdkJwt } from '../../functions/_lib/sign-jwt.ts';
import { E2E_KEY, E2E_SECRET, PORTS } from './servers.ts';

type SignerMode = 'ok' | 'text' | 'no-cors';

/**
 * "Your own backend": a real HTTP server on loopback that signs like a hand-written signer elsewhere would,
 * with CORS for the page's origin, or answering text, or forgetting CORS altogether.
 */
export class ExternalSigner {
  mode: SignerMode = 'ok';
  private server: Server | undefined;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const origin = req.headers.origin ?? '*';
      const cors =
        this.mode === 'no-cors'
          ? {}
          : { 'access-control-allow-origin': origin, 'access-control-allow-headers': 'content-type' };
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { ...cors, 'access-control-allow-methods': 'POST' }).end();
        return;
      }
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (this.mode === 'text') {
          res.writeHead(200, { ...cors, 'content-type': 'text/plain' }).end('Signature service unavailable, try later');
          return;
        }
        let meetingNumber = '123456789';
        let role: 0 | 1 = 0;
        try {
          const parsed = JSON.parse(body) as { meetingNumber?: string; role?: 0 | 1 };
          meetingNumber = String(parsed.meetingNumber ?? meetingNumber);
          role = parsed.role === 1 ? 1 : 0;
        } catch {
          // the no-cors probe sends '{}' as text
        }
        const { token } = signMeetingSdkJwt({
          sdkKey: E2E_KEY,
          secret: E2E_SECRET,
          meetingNumber,
          role,
          expirationSeconds: 7200,
        });
        res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify({ signature: token }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(PORTS.externalSigner, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
