/**
 * npm run check-signature -- <signature> [--meeting N] [--role 0|1]
 * Checks a Meeting SDK signature from any backend: decodes it, lists every problem with its fix, and verifies
 * the HMAC with ZOOM_MEETING_SDK_SECRET (from the environment or .env). Exit code 0 only when it is valid.
 */
import { parseArgs } from 'node:util';
import { inspectSignature } from '../lib/check-signature.ts';
import { problem, type SignatureProblem } from '../lib/errors/signature-problems.ts';
import { verifyHs256 } from '../lib/node/hs256.ts';
import { localEnv as readEnv } from './env-file.ts';

const USAGE = 'usage: npm run check-signature -- <signature> [--meeting <number>] [--role 0|1]';

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { meeting: { type: 'string' }, role: { type: 'string' } },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const token = parsed.positionals[0];
  const role = parsed.values.role;
  if (!token || parsed.positionals.length > 1 || (role !== undefined && role !== '0' && role !== '1')) {
    console.error(USAGE);
    return 2;
  }
  const secret = readEnv('ZOOM_MEETING_SDK_SECRET');
  if (!secret) {
    console.error('ZOOM_MEETING_SDK_SECRET is not set (in the environment or .env): it is needed to verify the HMAC.');
    return 2;
  }

  const inspection = inspectSignature(token, {
    ...(parsed.values.meeting ? { meetingNumber: parsed.values.meeting } : {}),
    ...(role !== undefined ? { role: role === '1' ? 1 : 0 } : {}),
  });
  const problems: SignatureProblem[] = [...inspection.problems];
  if (inspection.format === 'jwt') {
    if (!verifyHs256(token, secret))
      problems.push(problem('bad_hmac', 'The HMAC does not match ZOOM_MEETING_SDK_SECRET.'));
    const key = readEnv('ZOOM_MEETING_SDK_KEY');
    const appKey = inspection.claims?.appKey;
    if (key && appKey && appKey !== key) {
      problems.push(problem('secret_key_mismatch', `appKey is ${String(appKey)}, but ZOOM_MEETING_SDK_KEY is ${key}.`));
    }
    console.log(`header: ${JSON.stringify(inspection.header)}`);
    console.log(`claims: ${JSON.stringify(inspection.claims)}`);
  }
  if (problems.length === 0) {
    console.log('valid: the HMAC verifies with ZOOM_MEETING_SDK_SECRET and every claim is as Zoom expects.');
    return 0;
  }
  console.log(`invalid: ${problems.length} problem(s)`);
  for (const p of problems) console.log(`- [${p.code}] ${p.meaning} ${p.cause}\n  fix: ${p.fix}`);
  return 1;
}

process.exitCode = main(process.argv.slice(2));
