import { parseSetting, type Setting } from '../../lib/settings.ts';
import { readEnv } from './env.ts';
import { jsonError } from './respond.ts';

type Values<S> = { [K in keyof S]: S[K] extends Setting<infer T> ? T : never };
type SettingsRead<S> = { ok: true; values: Values<S> } | { ok: false; response: Response };

/**
 * A route's settings from lib/settings.ts, each parsed from the site's environment. A malformed one fails closed:
 * the route answers 503 `setting_invalid` naming the first one (in the order given) and what it accepts, rather than
 * running on a guess: "signed_in" read as "anyone", a ceiling read as the default.
 */
export function readSettings<S extends Record<string, Setting<unknown>>>(settings: S): SettingsRead<S> {
  const values: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(settings)) {
    const parsed = parseSetting(setting, readEnv(setting.name));
    if (!parsed.ok) return { ok: false, response: jsonError(503, 'setting_invalid', parsed.message) };
    values[key] = parsed.value;
  }
  return { ok: true, values: values as Values<S> };
}
