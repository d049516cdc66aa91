import type * as z from 'zod/mini';
import { AUTH_PATHS, ObfResponse, ZakResponse, type ObfRequestInput } from '../../../lib/auth-contract.ts';
import { ErrorBody, type FieldErrors } from '../../../lib/contract.ts';
import { explainApiError } from '../../../lib/errors/api-errors.ts';
import { failed, succeeded, type Result } from '../../../lib/result.ts';
import type { JoinFormValues } from './form.ts';
import { parseJson, postJson } from './post-json.ts';
import type { Problem } from './show-problem.ts';

/** What join() gets besides the signature: the host's ZAK, or an OBF token, never both (Zoom refuses that). */
export type ZoomTokens = { zak?: string; obfToken?: string };

/** `signedOut`: the route said the sign-in is over, so the sign-in box should say so too. */
type TokenOutcome = Result<ZoomTokens, Problem & { signedOut: boolean }>;

/** A token route's refusal as our functions put it (status 0: no answer at all). */
interface RouteProblem {
  status: number;
  code: string;
  message: string;
  fields?: FieldErrors;
}

/** POSTs to one of this site's token routes and reads the answer strictly as the contract's JSON. */
async function postForToken<S extends z.ZodMiniType>(
  path: string,
  body: unknown,
  schema: S,
): Promise<Result<z.output<S>, RouteProblem>> {
  // No answer, and an answer that is not JSON, are one problem here as they always were: these are our own routes.
  const unanswered = (reason: string) =>
    failed({ status: 0, code: 'network', message: `${path} could not be reached or did not answer JSON (${reason}).` });
  const posted = await postJson(path, body);
  if (!posted.ok) return unanswered(posted.problem.reason);
  const json = parseJson(posted.value.text);
  if (!json.ok) return unanswered(json.problem);
  const { status } = posted.value;
  const data = schema.safeParse(json.value);
  if (status >= 200 && status < 300 && data.success) return succeeded(data.data);
  const error = ErrorBody.safeParse(json.value);
  return failed(
    error.success
      ? { status, ...error.data.error }
      : { status, code: 'unexpected', message: `${path} answered HTTP ${status} without the expected JSON.` },
  );
}

/** The network is not one of our functions' codes: the request never got an answer. */
const NETWORK_FIX = 'Check your connection; locally, make sure `npm run dev` is running.';

function problem(title: string, meaning: string, refusal: RouteProblem): TokenOutcome {
  return failed({
    title,
    meaning,
    cause: refusal.message,
    fix: refusal.code === 'network' ? NETWORK_FIX : explainApiError(refusal.code).fix,
    ...(refusal.fields ? { fields: refusal.fields } : {}),
    signedOut: refusal.status === 401,
  });
}

/** The token this join needs, fetched right before it (ZAKs and OBF tokens live 2 hours; the page keeps neither). */
export async function requestZoomTokens(values: JoinFormValues): Promise<TokenOutcome> {
  if (values.otherAccount) {
    if (values.zak) {
      return failed({
        title: 'Choose one token',
        meaning: 'A ZAK and an OBF token cannot be used together: Zoom refuses such a join.',
        cause: 'A ZAK is filled in under More options, and “another Zoom account” asks for an OBF token.',
        fix: 'Clear the ZAK field, or untick “The meeting belongs to another Zoom account”.',
        signedOut: false,
      });
    }
    const request: ObfRequestInput = { meetingNumber: values.meetingNumber };
    const answer = await postForToken(AUTH_PATHS.obf, request, ObfResponse);
    if (answer.ok) return succeeded({ obfToken: answer.value.obfToken });
    return problem(
      'Could not get an OBF token',
      'Joining another account’s meeting needs an OBF token from your Zoom sign-in.',
      answer.problem,
    );
  }
  if (values.zak) return succeeded({ zak: values.zak });
  if (values.role === 0) return succeeded({});
  const answer = await postForToken(AUTH_PATHS.zak, {}, ZakResponse);
  if (answer.ok) return succeeded({ zak: answer.value.zak });
  return problem(
    'Could not get the host’s ZAK',
    'Starting a meeting needs the host’s ZAK, fetched with the host’s Zoom sign-in.',
    answer.problem,
  );
}
