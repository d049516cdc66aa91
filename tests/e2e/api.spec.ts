import { jwtVerify } from 'jose';
import { E2E_KEY, E2E_SECRET, UNCONFIGURED_URL } from '../support/servers.ts';
import { expect, test } from '../support/fixtures.ts';

// The function over real HTTP, as `netlify serve` (a deploy's build and bundling) serves it: routing, headers and bodies end to end.
test.describe('POST /api/signature over HTTP', () => {
  test('signs a normalised meeting number with the configured credentials', async ({ request }) => {
    const res = await request.post('/api/signature', { data: { meetingNumber: '978 759 818', role: 1 } });
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
    expect(res.headers()['cache-control']).toBe('no-store');
    expect(res.headers()['access-control-allow-origin']).toBeUndefined();
    const body = (await res.json()) as { signature: string; sdkKey: string; expiresAt: string };
    expect(body.sdkKey).toBe(E2E_KEY);
    const { payload } = await jwtVerify(body.signature, new TextEncoder().encode(E2E_SECRET));
    expect(payload).toMatchObject({ appKey: E2E_KEY, sdkKey: E2E_KEY, mn: '978759818', role: 1 });
    expect(payload.exp! - payload.iat!).toBe(7200);
    expect(new Date(body.expiresAt).getTime()).toBe(payload.exp! * 1000);
    expect(JSON.stringify(body)).not.toContain(E2E_SECRET);
  });

  test('405 with Allow for GET', async ({ request }) => {
    const res = await request.get('/api/signature');
    expect(res.status()).toBe(405);
    expect(res.headers()['allow']).toBe('POST');
    expect(await res.json()).toEqual({ error: { code: 'method_not_allowed', message: 'Use POST.' } });
  });

  test('415 for a form post, 400 naming fields, 413 for a large body', async ({ request }) => {
    const form = await request.post('/api/signature', { form: { meetingNumber: '123456789', role: '0' } });
    expect(form.status()).toBe(415);
    const bad = await request.post('/api/signature', { data: { meetingNumber: '12', role: 3, extra: true } });
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { error: { fields: object } }).error.fields).toEqual({
      meetingNumber: ['must be 9 to 11 digits (spaces and dashes are ignored)'],
      role: ['must be 0 (attendee) or 1 (host)'],
      extra: ['is not an accepted field'],
    });
    const large = await request.post('/api/signature', {
      headers: { 'content-type': 'application/json' },
      data: JSON.stringify({ meetingNumber: '123456789', role: 0, pad: 'x'.repeat(8000) }),
    });
    expect(large.status()).toBe(413);
  });

  test('503 naming the variables when the function has no credentials', async ({ request }) => {
    const res = await request.post(`${UNCONFIGURED_URL}/api/signature`, {
      data: { meetingNumber: '123456789', role: 0 },
    });
    expect(res.status()).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('signer_not_configured');
    expect(body.error.message).toContain('ZOOM_MEETING_SDK_KEY and ZOOM_MEETING_SDK_SECRET');
  });
});

// The sign-in routes as netlify serve routes them (the whole flow in a browser is host.spec.ts).
test.describe('Sign in with Zoom routes over HTTP', () => {
  test('login redirects to Zoom with PKCE and sets the one-time cookie; session, zak, obf and logout answer JSON', async ({
    request,
    zoomAccounts,
  }) => {
    const login = await request.get('/api/auth/login?returnTo=/', { maxRedirects: 0 });
    expect(login.status()).toBe(302);
    const location = new URL(login.headers()['location']!);
    expect(location.origin).toBe(zoomAccounts.baseUrl);
    expect(location.searchParams.get('redirect_uri')).toBe('http://localhost:8888/api/auth/callback');
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(login.headers()['set-cookie']).toMatch(
      /^__Host-zoom_oauth=.+; Path=\/; Max-Age=600; HttpOnly; Secure; SameSite=Lax/,
    );

    expect(await (await request.get('/api/auth/session')).json()).toEqual({ signedIn: false });
    const zak = await request.post('/api/zak');
    expect(zak.status()).toBe(401);
    expect((await zak.json()).error.code).toBe('not_signed_in');
    const crossSite = await request.post('/api/obf', {
      data: { meetingNumber: '123456789' },
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.status()).toBe(403);
    expect((await crossSite.json()).error.code).toBe('cross_site_request');
    expect((await request.get('/api/zak')).status()).toBe(405);
    // The one-time cookie from the login above comes along, and a forged state does not match it.
    const callback = await request.get('/api/auth/callback?code=x&state=forged', { maxRedirects: 0 });
    expect(callback.status()).toBe(302);
    expect(callback.headers()['location']).toBe('/?signin_error=state_mismatch');
    expect(callback.headers()['set-cookie']).toMatch(/^__Host-zoom_oauth=; Path=\/; Max-Age=0/);
    const again = await request.get('/api/auth/callback?code=x&state=forged', { maxRedirects: 0 });
    expect(again.headers()['location']).toBe('/?signin_error=login_expired');
  });

  test('503 naming SESSION_SECRET where it is not set', async ({ request }) => {
    const res = await request.get(`${UNCONFIGURED_URL}/api/auth/session`);
    expect(res.status()).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('sign_in_not_configured');
    expect(body.error.message).toContain('SESSION_SECRET is not set');
  });
});
