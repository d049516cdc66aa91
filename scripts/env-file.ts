/**
 * The project's `.env` (KEY=VALUE lines, as `netlify dev` reads it) for the scripts that run beside the site:
 * check-signature, smoke and deploy. Nothing here prints a value.
 */
import { existsSync, readFileSync } from 'node:fs';

/** Every KEY=VALUE of a .env file (surrounding quotes dropped; comments and other lines ignored); empty when absent. */
export function readEnvFile(path = '.env'): Map<string, string> {
  const values = new Map<string, string>();
  if (!existsSync(path)) return values;
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) values.set(match[1]!, match[2]!.replace(/^(['"])(.*)\1$/, '$2'));
  }
  return values;
}

/** A variable from the process environment, else from .env (the environment wins, as with netlify dev); trimmed. */
export function localEnv(name: string, path = '.env'): string | undefined {
  const value = process.env[name]?.trim() || readEnvFile(path).get(name)?.trim();
  return value || undefined;
}
