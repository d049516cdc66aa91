import type { Config } from '@netlify/functions';
import type { SessionResponse } from '../lib/auth-contract.ts';
import { notConfigured, readAuthSetup, readSession } from './_lib/auth.ts';
import { json, methodNotAllowed } from './_lib/respond.ts';
import { withRequestLog } from './_lib/request-log.ts';

/** Whether this browser is signed in with Zoom, and as whom (the cookie itself is unreadable to the page). */
export default withRequestLog(async (req: Request): Promise<Response> => {
  if (req.method !== 'GET') return methodNotAllowed('GET');
  const setup = readAuthSetup();
  if (!setup.ok) return notConfigured(setup.missing);
  const session = await readSession(req, setup.keys);
  const body: SessionResponse = session
    ? { signedIn: true, name: session.name, email: session.email, expiresAt: session.expiresAt.toISOString() }
    : { signedIn: false };
  return json(200, body);
});

// The page asks once per load; 60 a minute per client leaves room for reloads and none for a decryption loop.
export const config: Config = {
  path: '/api/auth/session',
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
