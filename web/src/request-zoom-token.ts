import type * as z from 'zod/mini';
import { AUTH_PATHS, ObfResponse, ZakResponse, type ObfRequestInput } from '../../lib/auth-contract.ts';
import { ErrorBody, type ErrorCode } from '../../lib/contract.ts';
import type { JoinFormValues } from './form.ts';
import type { Problem } from './show-result.ts';

/** What join() gets besides the signature: the host's ZAK, or an OBF token, never both (Zoom refuses that). */
export type ZoomTokens = { zak?: string; obfToken?: string };

export type TokenOutcome = { ok: true; tokens: ZoomTokens } | { ok: false; problem: Problem; signedOut: boolean };

type Answer<T> = { ok: true; data: T } | { ok: false; status: number; code: string; message: string };

/** POSTs to one of this site's token routes and reads the answer strictly as the contract's JSON. */
async function postJson<S extends z.ZodMiniType>(path: string, body: unknown, schema: S): Promise<Answer<z.output<S>>> {
  let res: Response;
  let json: unknown;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    json = await res.json();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, status: 0, code: 'network', message: `${path} could not be reached or did not answer JSON (${reason}).` };
  }
  const data = schema.safeParse(json);
  if (res.ok && data.success) return { ok: true, data: data.data };
  const error = ErrorBody.safeParse(json);
  return error.success
    ? { ok: false, status: res.status, ...error.data.error }
    : { ok: false, status: res.status, code: 'unexpected', message: `${path} answered HTTP ${res.status} without the expected JSON.` };
}

const SIGN_IN_FIX = 'Click “Sign in with Zoom” above, then try again.';

/** What to do about each refusal of /api/zak and /api/obf. */
const FIXES: Partial<Record<ErrorCode | 'network' | 'unexpected', string>> = {
  not_signed_in: SIGN_IN_FIX,
  zoom_session_invalid: `Your Zoom sign-in was revoked or expired. ${SIGN_IN_FIX}`,
  sign_in_not_configured:
    'Set SESSION_SECRET (at least 32 random characters) in the site’s environment variables and redeploy, or paste a ZAK under More options.',
  zoom_rate_limited: 'Wait a few seconds and try again.',
  zoom_missing_scope: 'Add the scopes in the Zoom Marketplace (your app → Scopes), then sign out and sign in again.',
  zoom_unavailable: 'Try again in a moment; check status.zoom.us if it persists.',
  cross_site_request: 'Use this site’s own page to join.',
  meeting_not_allowed: 'Use one of the meetings this site is set up for, or add it to ZOOM_ALLOWED_MEETINGS.',
  invalid_request: 'Check the meeting number.',
  network: 'Check your connection; locally, make sure `npm run dev` is running.',
};

function problem(title: string, meaning: string, answer: Extract<Answer<unknown>, { ok: false }>): TokenOutcome {
  return {
    ok: false,
    signedOut: answer.status === 401,
    problem: {
      title,
      meaning,
      cause: answer.message,
      fix: FIXES[answer.code as ErrorCode] ?? 'Sign out, sign in with Zoom again, and retry.',
    },
  };
}

/** The token this join needs, fetched right before it (ZAKs and OBF tokens live 2 hours; the page keeps neither). */
export async function requestZoomTokens(values: JoinFormValues): Promise<TokenOutcome> {
  if (values.otherAccount) {
    if (values.zak) {
      return {
        ok: false,
        signedOut: false,
        problem: {
          title: 'Choose one token',
          meaning: 'A ZAK and an OBF token cannot be used together: Zoom refuses such a join.',
          cause: 'A ZAK is filled in under More options, and “another Zoom account” asks for an OBF token.',
          fix: 'Clear the ZAK field, or untick “The meeting belongs to another Zoom account”.',
        },
      };
    }
    const request: ObfRequestInput = { meetingNumber: values.meetingNumber };
    const answer = await postJson(AUTH_PATHS.obf, request, ObfResponse);
    if (answer.ok) return { ok: true, tokens: { obfToken: answer.data.obfToken } };
    return problem('Could not get an OBF token', 'Joining another account’s meeting needs an OBF token from your Zoom sign-in.', answer);
  }
  if (values.zak) return { ok: true, tokens: { zak: values.zak } };
  if (values.role === 0) return { ok: true, tokens: {} };
  const answer = await postJson(AUTH_PATHS.zak, {}, ZakResponse);
  if (answer.ok) return { ok: true, tokens: { zak: answer.data.zak } };
  return problem('Could not get the host’s ZAK', 'Starting a meeting needs the host’s ZAK, fetched with the host’s Zoom sign-in.', answer);
}
