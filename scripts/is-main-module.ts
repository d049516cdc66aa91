import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Whether the module at `moduleUrl` is the script Node was started with. Real paths are compared because a URL
 * built by hand from `process.argv[1]` (a "file:" prefix pasted before it) differs from `import.meta.url` as soon as
 * the path holds a space or a non-ASCII letter (the URL percent-encodes them), and a symlinked folder differs too:
 * such a check silently skipped `main()` for anyone who cloned into "My Projects".
 */
export function isMainModule(moduleUrl: string, scriptPath: string | undefined = process.argv[1]): boolean {
  if (!scriptPath) return false;
  try {
    return realpathSync(scriptPath) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
