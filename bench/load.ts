/**
 * `npm run bench:load`: 2,000 signature requests, 50 at a time, on loopback, against the deployed function
 * (functions/signature.ts bundled exactly as `npm run build` bundles it for Netlify) behind a plain node:http adapter.
 * Not behind `netlify dev`/`netlify serve`: their local function emulator managed ~3 req/s with socket errors at
 * this concurrency, which measures the emulator, not the signer. Bounded by count and a 2-minute limit; writes
 * bench/load-results.md.
 */
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { bundleFunction, serveFunction } from '../scripts/serve-function.ts';
import { E2E_KEY, E2E_SECRET } from '../tests/support/servers.ts';

/** The very module Netlify deploys (build/functions/signature.mjs), built fresh into a scratch folder. */
const signature = await bundleFunction('functions/signature.ts', 'node_modules/.cache/bench/load-signature.mjs');

const AMOUNT = 2000;
const CONNECTIONS = 50;
const hardStop = setTimeout(() => {
  console.error('bench:load: 2-minute limit reached, stopping');
  process.exit(2);
}, 120_000);

process.env.ZOOM_MEETING_SDK_KEY = E2E_KEY;
process.env.ZOOM_MEETING_SDK_SECRET = E2E_SECRET;

const server = serveFunction(signature);

async function main() {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const result = await autocannon({
      url: `http://127.0.0.1:${port}/api/signature`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ meetingNumber: '978-7598-1800', role: 0 }),
      connections: CONNECTIONS,
      amount: AMOUNT,
      timeout: 10,
    });
    const rows = [
      ['requests', String(result.requests.total)],
      ['concurrency', String(CONNECTIONS)],
      ['errors (network / timeouts)', `${result.errors} / ${result.timeouts}`],
      ['non-2xx answers', String(result.non2xx)],
      ['latency p50', `${result.latency.p50} ms`],
      ['latency p99', `${result.latency.p99} ms`],
      ['throughput', `${Math.round(result.requests.average)} req/s`],
    ];
    const table = ['| Measure | Result |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
    writeFileSync(
      'bench/load-results.md',
      `# Load results\n\nMeasured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:load\` (the deployed signer module behind ` +
        `node:http on loopback, Node ${process.version}).\n\n${table}\n`,
    );
    console.log(`${table}\n\nwritten to bench/load-results.md`);
    if (result.errors + result.timeouts + result.non2xx > 0) process.exitCode = 1;
  } finally {
    server.close();
    clearTimeout(hardStop);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
