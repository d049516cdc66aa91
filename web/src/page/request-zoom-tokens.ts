import type * as z from 'zod/mini';
import { AUTH_PATHS, ObfResponse, ZakResponse, type ObfRequestInput } from '../../../lib/auth-contract.ts';
import { ErrorBody, type FieldErrors } from '../../../lib/contract.ts';
import { explainApiError } from '../../../lib/errors/api-errors.ts';
import type { JoinFormValues } from './form.ts';
import type { Problem } from './show-problem.ts';

/** What join() gets besides the signature: the host's ZAK, or an OBF token, never both (Zoom refuses that). */
export type ZoomTokens = { zak?: string; obfToken?: string };

type TokenOutcome = { ok: true; tokens: ZoomTokens } | { ok: false; problem: Problem; signedOut: boolean };

type Answer<T> =
  { ok: true; data: T } | { ok: false; status: number; code: string; message: string; fields?: FieldErrors };

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
    return {
      ok: false,
      status: 0,
      code: 'network',
      message: `${path} could not be reached or did not answer JSON (${reason}).`,
    };
  }
  const data = schema.safeParse(json);
  if (res.ok && data.success) return { ok: true, data: data.data };
  const error = ErrorBody.safeParse(json);
  return error.success
    ? { ok: false, status: res.status, ...error.data.error }
    : {
        ok: false,
        status: res.status,
        code: 'unexpected',
        message: `${path} answered HTTP ${res.status} without the expected JSON.`,
      };
}

/** The network is not one of our functions' codes: the request never got an answer. */
const NETWORK_FIX = 'Check your connection; locally, make sure `npm run dev` is running.';

function problem(title: string, meaning: string, answer: Extract<Answer<unknown>, { ok: false }>): TokenOutcome {
  return {
    ok: false,
    signedOut: answer.status === 401,
    problem: {
      title,
      meaning,
      cause: answer.message,
      fix: answer.code === 'network' ? NETWORK_FIX : explainApiError(answer.code).fix,
      ...(answer.fields ? { fields: answer.fields } : {}),
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
    return problem(
      'Could not get an OBF token',
      'Joining another account’s meeting needs an OBF token from your Zoom sign-in.',
      answer,
    );
  }
  if (values.zak) return { ok: true, tokens: { zak: values.zak } };
  if (values.role === 0) return { ok: true, tokens: {} };
  const answer = await postJson(AUTH_PATHS.zak, {}, ZakResponse);
  if (answer.ok) return { ok: true, tokens: { zak: answer.data.zak } };
  return problem(
    'Could not get the host’s ZAK',
    'Starting a meeting needs the host’s ZAK, fetched with the host’s Zoom sign-in.',
    answer,
  );
}
