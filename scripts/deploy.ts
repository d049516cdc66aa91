/** npm run deploy: the entry point; the steps are in deploy-steps.ts. */
import { createInterface } from 'node:readline/promises';
import { runDeploy } from './deploy-steps.ts';

const interactive = Boolean(process.stdin.isTTY);

try {
  process.exitCode = await runDeploy(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    io: {
      interactive,
      async ask(question) {
        const rl = createInterface({ input: process.stdin, output: process.stdout });
        try {
          return await rl.question(question);
        } finally {
          rl.close();
        }
      },
      print: (line) => console.log(line),
    },
  });
} catch (error) {
  // Expected failures are reported by runDeploy; anything else is a bug or the machine (disk, permissions).
  console.error(`npm run deploy stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
