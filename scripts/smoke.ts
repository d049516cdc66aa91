/** npm run smoke -- <site-url>: the entry point; everything else is in smoke-cli.ts and smoke-checks.ts. */
import { smokeMain } from './smoke-cli.ts';

process.exitCode = await smokeMain(process.argv.slice(2));
