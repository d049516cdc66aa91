/** npm run smoke -- <site-url>: the entry point; everything else is in smoke-cli.ts and smoke-checks.ts. */
import { smokeMain } from './smoke-cli.ts';

try {
  process.exitCode = await smokeMain(process.argv.slice(2));
} catch (error) {
  // Every expected failure is a finding; anything else is a bug or the machine, reported without a stack trace.
  console.error(`npm run smoke stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
