import { spawn } from 'node:child_process';
import { E2E_KEY, E2E_SECRET, netlifyDevCommand, waitForSignatureFunction } from '../tests/support/servers.ts';

/** Serves the production build (build first) with the real function on `port`; resolves to a stop function. */
export async function startServer(port: number, previewPort: number): Promise<() => void> {
  const child = spawn(netlifyDevCommand(port, previewPort), {
    shell: true,
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, ZOOM_MEETING_SDK_KEY: E2E_KEY, ZOOM_MEETING_SDK_SECRET: E2E_SECRET },
  });
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  if (await waitForSignatureFunction(port, 180_000)) return stop;
  stop();
  throw new Error('netlify dev did not serve the function within 180 s');
}
