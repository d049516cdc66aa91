import type { ChildProcess } from 'node:child_process';

/** What the error message quotes of a child's output; enough for its last complaints. */
const OUTPUT_TAIL_CHARS = 8_000;

/** The child's output so far, for error messages: empty, or starting with a newline. */
export function collectOutput(child: ChildProcess): () => string {
  let output = '';
  const append = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let spawnError = '';
  child.once('error', (error) => {
    spawnError = `\n${error.message}`;
  });
  return () => {
    const text = `${spawnError}${output.trim() === '' ? '' : `\n${output.trim()}`}`;
    return text === '' ? '' : `\n--- output of ${child.spawnfile} ---${text}`;
  };
}
