import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JoinFormValues } from '../../../web/src/page/form.ts';
import { requestZoomTokens } from '../../../web/src/page/request-zoom-tokens.ts';

const HOST: JoinFormValues = {
  meetingNumber: '123456789',
  passcode: '',
  userName: 'Host',
  userEmail: '',
  role: 1,
  tk: '',
  zak: '',
  otherAccount: false,
  language: 'en-US',
  view: 'client',
};

const answer = (status: number, body: string) => vi.fn(async () => new Response(body, { status }));

describe('requestZoomTokens', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks nothing for an attendee, and takes a typed ZAK as it is', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    expect(await requestZoomTokens({ ...HOST, role: 0 })).toEqual({ ok: true, value: {} });
    expect(await requestZoomTokens({ ...HOST, zak: 'typed' })).toEqual({ ok: true, value: { zak: 'typed' } });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('POSTs for the host’s ZAK as JSON and reads the contract’s answer', async () => {
    const fetchMock = answer(200, JSON.stringify({ zak: 'zak-token', expiresAt: '2026-11-27T12:00:00.000Z' }));
    vi.stubGlobal('fetch', fetchMock);
    expect(await requestZoomTokens(HOST)).toEqual({ ok: true, value: { zak: 'zak-token' } });
    expect(fetchMock).toHaveBeenCalledWith('/api/zak', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: '{}',
    });
  });

  it('explains a refusal with our error code, and a 401 as signed out', async () => {
    vi.stubGlobal(
      'fetch',
      answer(401, JSON.stringify({ error: { code: 'not_signed_in', message: 'Sign in with Zoom first.' } })),
    );
    expect(await requestZoomTokens(HOST)).toMatchObject({
      ok: false,
      problem: { title: 'Could not get the host’s ZAK', cause: 'Sign in with Zoom first.', signedOut: true },
    });
  });

  it('says the route could not be reached, or did not answer JSON', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    expect(await requestZoomTokens(HOST)).toMatchObject({
      ok: false,
      problem: {
        cause: '/api/zak could not be reached or did not answer JSON (Failed to fetch).',
        fix: 'Check your connection; locally, make sure `npm run dev` is running.',
        signedOut: false,
      },
    });
    vi.stubGlobal('fetch', answer(502, '<!doctype html><title>Bad gateway</title>'));
    const html = await requestZoomTokens(HOST);
    expect(html).toMatchObject({ ok: false, problem: { signedOut: false } });
    if (!html.ok)
      expect(html.problem.cause).toMatch(/^\/api\/zak could not be reached or did not answer JSON \(.+\)\.$/);
  });

  it('says when JSON is not the expected answer', async () => {
    vi.stubGlobal('fetch', answer(200, JSON.stringify({ token: 'x' })));
    expect(await requestZoomTokens(HOST)).toMatchObject({
      ok: false,
      problem: { cause: '/api/zak answered HTTP 200 without the expected JSON.', signedOut: false },
    });
  });

  it('refuses a ZAK together with an OBF token before asking anything', async () => {
    expect(await requestZoomTokens({ ...HOST, role: 0, otherAccount: true, zak: 'typed' })).toMatchObject({
      ok: false,
      problem: { title: 'Choose one token', signedOut: false },
    });
  });
});
