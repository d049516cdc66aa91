/**
 * The contract of "Sign in with Zoom": the routes, what the page sends, what it gets back, and the reasons a
 * sign-in can come back to the page without a session. Functions and page both import it.
 */
import * as z from 'zod/mini';
import { MeetingNumber } from './contract.ts';

export const AUTH_PATHS = {
  login: '/api/auth/login',
  callback: '/api/auth/callback',
  session: '/api/auth/session',
  logout: '/api/auth/logout',
  zak: '/api/zak',
  obf: '/api/obf',
} as const;

/** The page passes where to come back to; only a path on this site is accepted (no open redirect). */
export const RETURN_TO_PARAM = 'returnTo';
/** The callback reports a failed sign-in to the page with this query parameter (a reason code, nothing secret). */
export const SIGN_IN_ERROR_PARAM = 'signin_error';

/**
 * A page path on this site such as "/" or "/j/123"; never "//host" (a browser reads it as another site), a URL with
 * a scheme, or a route under /api/ (returning to /api/auth/login would loop login → Zoom → callback → login). Only
 * plain path characters pass (no backslash, no "%"), and the path is checked as sent and again once its dot segments
 * are resolved, as a browser resolves them: "/.//evil.example" becomes "//evil.example" only then. Else "/".
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || !/^\/[\w\-./~]*$/.test(value) || value.startsWith('//')) return '/';
  const path = new URL(value, 'https://site.invalid').pathname;
  return path.startsWith('//') || /^\/api(\/|$)/i.test(path) ? '/' : path;
}

export const ObfRequest = z.strictObject({ meetingNumber: MeetingNumber }, { error: 'must be a JSON object' });
export type ObfRequestInput = z.input<typeof ObfRequest>;

export const ZakResponse = z.object({
  zak: z.string().check(z.minLength(1)),
  /** Zoom's ZAK lives 2 hours; fetched right before each start, never stored by the page. */
  expiresAt: z.iso.datetime(),
});
export type ZakResponse = z.infer<typeof ZakResponse>;

export const ObfResponse = z.object({
  obfToken: z.string().check(z.minLength(1)),
  meetingNumber: z.string(),
  expiresAt: z.iso.datetime(),
});
export type ObfResponse = z.infer<typeof ObfResponse>;

export const SessionResponse = z.union([
  z.object({
    signedIn: z.literal(true),
    name: z.string(),
    email: z.string(),
    /** When the Zoom access token behind the session expires; then the user signs in again. */
    expiresAt: z.iso.datetime(),
  }),
  z.object({ signedIn: z.literal(false) }),
]);
export type SessionResponse = z.infer<typeof SessionResponse>;
