import { SETTINGS } from '../../lib/settings.ts';

const KEY_VAR = SETTINGS.ZOOM_MEETING_SDK_KEY.name;
const SECRET_VAR = SETTINGS.ZOOM_MEETING_SDK_SECRET.name;

export type Credentials = { ok: true; sdkKey: string; secret: string } | { ok: false; missing: string[] };

export function readEnv(name: string): string {
  // Netlify's runtime provides the `Netlify` global; plain Node (unit tests, scripts) does not.
  const value = typeof Netlify === 'undefined' ? process.env[name] : Netlify.env.get(name);
  // A secret pasted with a trailing newline signs differently from the real one: trim it.
  return value?.trim() ?? '';
}

export function readCredentials(): Credentials {
  const sdkKey = readEnv(KEY_VAR);
  const secret = readEnv(SECRET_VAR);
  if (sdkKey && secret) return { ok: true, sdkKey, secret };
  return { ok: false, missing: [KEY_VAR, SECRET_VAR].filter((_, i) => ![sdkKey, secret][i]) };
}
