import type { Config } from '@netlify/functions';
import { RETURN_TO_PARAM, SIGN_IN_ERROR_PARAM, safeReturnPath } from '../lib/auth-contract.ts';
import { STATE_COOKIE, STATE_COOKIE_MAX_AGE, callbackUrl, readAuthSetup } from './_lib/auth.ts';
import { methodNotAllowed, redirect } from './_lib/respond.ts';
import { cookie, seal } from './_lib/session.ts';
import { authorizeUrl, createPkce } from './_lib/zoom-api.ts';
import { withRequestLog } from './_lib/request-log.ts';

/** Starts "Sign in with Zoom": an authorization-code request with PKCE, its secrets kept in an encrypted cookie. */
export default withRequestLog(async (req: Request): Promise<Response> => {
  if (req.method !== 'GET') return methodNotAllowed('GET');
  const returnTo = safeReturnPath(new URL(req.url).searchParams.get(RETURN_TO_PARAM));
  const setup = readAuthSetup();
  if (!setup.ok) {
    // A person clicked a link: send them back to the page, which explains. Scripts get the JSON answer.
    return req.headers.get('sec-fetch-mode') === 'navigate'
      ? redirect(`${returnTo}?${SIGN_IN_ERROR_PARAM}=not_configured`)
      : setup.response;
  }
  const { verifier, challenge, state } = createPkce();
  const redirectUri = callbackUrl(req, setup);
  const sealed = seal({ state, verifier, returnTo, redirectUri }, 'oauth-state', STATE_COOKIE_MAX_AGE, setup.keys);
  return redirect(authorizeUrl(setup.app, { redirectUri, state, challenge }), [
    cookie(STATE_COOKIE, sealed, { sameSite: 'Lax', maxAgeSeconds: STATE_COOKIE_MAX_AGE }),
  ]);
});

export const config: Config = {
  path: '/api/auth/login',
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
