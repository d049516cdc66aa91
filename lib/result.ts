import type { Explanation } from './explanation.ts';

/**
 * The one shape for "it worked, here is the value" or "it did not, here is why", in the page, the functions and the
 * scripts alike. The problem is an Explanation unless a step has more to say (a status, a code, the fields at
 * fault), which its own problem type then carries. Check `ok` and return early; nothing else to learn.
 */
export type Result<T, P = Explanation> = { ok: true; value: T } | { ok: false; problem: P };

export const succeeded = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const failed = <P>(problem: P): { ok: false; problem: P } => ({ ok: false, problem });
