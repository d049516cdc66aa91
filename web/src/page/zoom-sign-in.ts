import { AUTH_PATHS, RETURN_TO_PARAM, SIGN_IN_ERROR_PARAM, SessionResponse } from '../../../lib/auth-contract.ts';
import { ErrorBody } from '../../../lib/contract.ts';
import { explainApiError } from '../../../lib/errors/api-errors.ts';
import { SIGN_IN_ERRORS, isSignInError } from '../../../lib/errors/sign-in-errors.ts';
import type { JoinForm } from './form.ts';
import { byId } from './dom.ts';
import { showProblem } from './show-problem.ts';

type AccountState = SessionResponse | { signedIn: false; unavailable: string; retry?: boolean };

async function fetchSession(): Promise<AccountState> {
  let res: Response;
  try {
    res = await fetch(AUTH_PATHS.session, { headers: { accept: 'application/json' } });
  } catch {
    return { signedIn: false, unavailable: 'Could not check the Zoom sign-in (network).', retry: true };
  }
  const body: unknown = await res.json().catch(() => undefined);
  const session = SessionResponse.safeParse(body);
  if (session.success) return session.data;
  if (res.status === 503) {
    const refusal = ErrorBody.safeParse(body);
    // A malformed setting names itself (lib/settings.ts); otherwise sign-in is simply not set up.
    if (refusal.success && refusal.data.error.code === 'setting_invalid')
      return { signedIn: false, unavailable: refusal.data.error.message };
    return {
      signedIn: false,
      unavailable: 'Sign in with Zoom is not set up on this site (SESSION_SECRET is missing).',
    };
  }
  if (res.status === 404 || body === undefined) {
    // E.g. the page hosted without this project's functions (VITE_SIGNATURE_URL pointing at another backend).
    return { signedIn: false, unavailable: 'This site has no Sign in with Zoom functions.' };
  }
  return { signedIn: false, unavailable: `Could not check the Zoom sign-in (HTTP ${res.status}).`, retry: true };
}

/**
 * The "Sign in with Zoom" box: shown when starting as host (the page fetches the host's ZAK) or when joining
 * another account's meeting (an OBF token). The session lives in an HttpOnly cookie; the page only asks who it is.
 */
export class ZoomAccount {
  private state: AccountState | undefined;
  private loading: Promise<void> | undefined;

  constructor(private readonly form: JoinForm) {
    byId('sign-in').addEventListener('click', () => form.remember());
    byId('sign-out').addEventListener('click', () => void this.signOut());
    form.element.addEventListener('change', () => this.update());
    this.reportSignInError();
    this.update();
  }

  /** A sign-in that came back without a session says why in the URL; explain it once, then tidy the URL. */
  private reportSignInError(): void {
    const params = new URLSearchParams(location.search);
    const reason = params.get(SIGN_IN_ERROR_PARAM);
    if (reason === null) return;
    params.delete(SIGN_IN_ERROR_PARAM);
    history.replaceState(null, '', `${location.pathname}${params.size ? `?${params}` : ''}${location.hash}`);
    showProblem({
      title: 'Sign in with Zoom did not complete',
      ...(isSignInError(reason)
        ? SIGN_IN_ERRORS[reason]
        : // Never echo the parameter: anyone can link here with a "reason" of their own wording.
          {
            meaning: 'The sign-in failed.',
            cause: 'The sign-in came back with a reason this page does not know.',
            fix: 'Sign in again.',
          }),
    });
  }

  private update(): void {
    const { role, otherAccount } = this.form.values();
    byId('otherAccount-choice').hidden = role === 1;
    const needed = role === 1 || otherAccount;
    byId('zoom-account').hidden = !needed;
    if (needed) this.loading ??= this.load();
    this.render();
  }

  private async load(): Promise<void> {
    this.state = await fetchSession();
    // A network failure may pass; ask again the next time the box is shown.
    if ('unavailable' in this.state && this.state.retry) this.loading = undefined;
    this.render();
  }

  private render(): void {
    const { role } = this.form.values();
    const purpose = role === 1 ? 'to start the meeting as its host' : 'to join a meeting of another Zoom account';
    const signIn = byId('sign-in') as HTMLAnchorElement;
    signIn.href = `${AUTH_PATHS.login}?${RETURN_TO_PARAM}=${encodeURIComponent(location.pathname)}`;
    const state = this.state;
    let text: string;
    if (!state) text = 'Checking your Zoom sign-in…';
    else if (state.signedIn)
      text = `Signed in with Zoom as ${state.name || 'a Zoom user'}${state.email ? ` (${state.email})` : ''}.`;
    else if ('unavailable' in state)
      text = `${state.unavailable} ${role === 1 ? 'Paste a ZAK under More options instead.' : ''}`.trim();
    else text = `Sign in with Zoom ${purpose}.`;
    byId('zoom-account-status').textContent = text;
    signIn.hidden = !state || state.signedIn || 'unavailable' in state;
    byId('sign-out').hidden = !state?.signedIn;
  }

  /**
   * Signing out ends the session at Zoom; when that fails the session is still on (the function keeps its cookie),
   * and the page says so rather than show a sign-in button over a session that works.
   */
  private async signOut(): Promise<void> {
    const res = await fetch(AUTH_PATHS.logout, { method: 'POST' }).catch(() => null);
    const refusal = ErrorBody.safeParse(await res?.json().catch(() => undefined));
    if (res === null || (!res.ok && res.status !== 401)) {
      const code = refusal.success ? refusal.data.error.code : 'zoom_unavailable';
      showProblem({
        title: 'Signing out did not complete',
        meaning: 'You are still signed in with Zoom on this site.',
        cause: refusal.success ? refusal.data.error.message : 'The sign-out request got no answer (network).',
        fix: explainApiError(code).fix,
      });
      return;
    }
    this.state = { signedIn: false };
    this.render();
  }

  /** Whether a Zoom user is signed in on this site (asked once, also when the box is not shown). */
  async signedIn(): Promise<boolean> {
    this.loading ??= this.load();
    await this.loading;
    return this.state?.signedIn === true;
  }

  /** After Zoom refused the session (expired or revoked), show the sign-in button again. */
  markSignedOut(): void {
    this.state = { signedIn: false };
    this.render();
  }
}
