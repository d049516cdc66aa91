/**
 * A setting that is a whole number of seconds (VITE_JOIN_TIMEOUT_SECONDS, VITE_MAX_WAIT_SECONDS,
 * ZOOM_MAX_EXPIRATION_SECONDS; lib/settings.ts): unset means the default, anything outside the bounds is refused with a
 * message naming the variable and what it accepts, so the build stops or the function answers 503 instead of quietly
 * using something else.
 */
export type SecondsSetting = { ok: true; seconds: number } | { ok: false; message: string };

interface Bounds {
  fallback: number;
  min: number;
  max: number;
  /** What 0 means, when 0 is accepted outside the bounds ("turns waiting off"). */
  zero?: string;
}

export function secondsSetting(variable: string, raw: string | undefined, bounds: Bounds): SecondsSetting {
  const text = raw?.trim() ?? '';
  if (text === '') return { ok: true, seconds: bounds.fallback };
  // Digits only: Number() would also read "1e3", "0x20" and "8.0".
  const seconds = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if ((seconds === 0 && bounds.zero) || (seconds >= bounds.min && seconds <= bounds.max)) return { ok: true, seconds };
  const zero = bounds.zero ? `, 0 ${bounds.zero}` : '';
  return {
    ok: false,
    // The value is not quoted: lib/settings.ts's rule for every setting (a secret pasted into the wrong one).
    message: `${variable} is not valid: set a whole number of seconds from ${bounds.min} to ${bounds.max}${zero}, or leave it unset for ${bounds.fallback}.`,
  };
}
