import { afterEach, describe, expect, it, vi } from 'vitest';
import { interpretSignerResponse } from '../../../web/src/page/read-signer-answer.ts';
import { requestSignature } from '../../../web/src/page/request-signature.ts';

const VALID = { signature: 'eyJ.eyJ.sig', sdkKey: 'key', expiresAt: '2026-11-27T12:00:00.000Z' };
const json = (value: unknown) => JSON.stringify(value);

describe('interpretSignerResponse', () => {
  it('accepts the contract and returns the signature string', () => {
    expect(interpretSignerResponse(200, 'application/json', json(VALID))).toEqual({
      ok: true,
      value: { response: VALID },
    });
  });

  it('reports a text body as text, not JSON, with its first characters and status', () => {
    const outcome = interpretSignerResponse(200, 'text/plain', 'eyJhbGciOi.payload.sig');
    expect(outcome).toMatchObject({
      ok: false,
      problem: { kind: 'not_json', meaning: 'The signer returned text, not JSON.' },
    });
    if (!outcome.ok) expect(outcome.problem.cause).toBe('HTTP 200 (text/plain), beginning: “eyJhbGciOi.payload.sig”.');
  });

  it('cuts a long HTML error page to 120 characters', () => {
    const html = `<!doctype html><html><body>${'x'.repeat(500)}</body></html>`;
    const outcome = interpretSignerResponse(502, 'text/html', html);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.problem.kind).toBe('not_json');
      expect(outcome.problem.cause).toMatch(/^HTTP 502 \(text\/html\), beginning: “<!doctype html><html><body>x+…”\.$/);
      expect(outcome.problem.cause.length).toBeLessThan(200);
    }
  });

  it('names the fields of JSON without a signature', () => {
    const outcome = interpretSignerResponse(200, 'application/json', json({ jwtToken: 'eyJ', expires: 1 }));
    expect(outcome).toMatchObject({
      ok: false,
      problem: { kind: 'no_signature', cause: 'The response is an object with the fields: jwtToken, expires.' },
    });
  });

  it.each([
    [{ signature: { token: 'eyJ' } }, '“signature” is an object, not a string.'],
    [{ signature: 12 }, '“signature” is a number, not a string.'],
    [{ signature: '' }, '“signature” is an empty string.'],
  ])('explains a signature that is not a usable string: %j', (body, cause) => {
    expect(interpretSignerResponse(200, 'application/json', json(body))).toMatchObject({
      ok: false,
      problem: { kind: 'no_signature', cause },
    });
  });

  it.each([[[]], ['just a string'], [null]])('explains JSON that is not an object: %j', (body) => {
    const outcome = interpretSignerResponse(200, 'application/json', json(body));
    expect(outcome).toMatchObject({ ok: false, problem: { kind: 'no_signature' } });
  });

  it('shows the signer’s own error body with its fields and a fix', () => {
    const body = {
      error: {
        code: 'invalid_request',
        message: 'Check these fields: meetingNumber.',
        fields: { meetingNumber: ['must be 9 to 11 digits'] },
      },
    };
    const outcome = interpretSignerResponse(400, 'application/json', json(body));
    expect(outcome).toEqual({
      ok: false,
      problem: {
        kind: 'signer_error',
        meaning: 'The signer refused to sign (HTTP 400, invalid_request).',
        cause: 'Check these fields: meetingNumber.',
        fix: 'Correct the fields listed below and join again.',
        fields: { meetingNumber: ['must be 9 to 11 digits'] },
      },
    });
  });

  it('explains a 503 from an unconfigured signer with where to set the variables', () => {
    const body = {
      error: { code: 'signer_not_configured', message: 'The signer is not configured: set ZOOM_MEETING_SDK_KEY' },
    };
    const outcome = interpretSignerResponse(503, 'application/json', json(body));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problem.fix).toContain('.env');
  });

  it('reports other JSON errors with their status', () => {
    const outcome = interpretSignerResponse(500, 'application/json', json({ message: 'boom' }));
    expect(outcome).toMatchObject({
      ok: false,
      problem: { kind: 'signer_error', meaning: 'The signer failed with HTTP 500.' },
    });
  });

  it('accepts a bare { signature } from another backend', () => {
    expect(interpretSignerResponse(200, 'application/json', json({ signature: 'eyJ.eyJ.sig', extra: 1 }))).toEqual({
      ok: true,
      value: { response: { signature: 'eyJ.eyJ.sig' } },
    });
  });

  it('says when a signer sends { token } instead of { signature }', () => {
    expect(interpretSignerResponse(200, 'application/json', json({ token: 'eyJ.x.y' }))).toMatchObject({
      ok: false,
      problem: { kind: 'no_signature', meaning: 'The signer’s JSON has “token” instead of “signature”.' },
    });
  });

  it('recognises an HTML error page', () => {
    expect(interpretSignerResponse(404, 'text/html', '<!DOCTYPE html><title>Not found</title>')).toMatchObject({
      ok: false,
      problem: { kind: 'not_json', meaning: 'The signer returned an HTML page, not JSON.' },
    });
  });
});

describe('requestSignature', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('POSTs the contract request as JSON and parses the answer as JSON', async () => {
    const fetchMock = vi.fn(async () => new Response(json(VALID), { headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    expect(await requestSignature({ meetingNumber: '123456789', role: 1 })).toEqual({
      ok: true,
      value: { response: VALID },
    });
    expect(fetchMock).toHaveBeenCalledWith('/api/signature', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: '{"meetingNumber":"123456789","role":1}',
    });
  });

  it('turns a network failure into a plain message', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    expect(await requestSignature({ meetingNumber: '123456789', role: 0 })).toMatchObject({
      ok: false,
      problem: { kind: 'network', cause: 'The request to /api/signature failed before any answer (Failed to fetch).' },
    });
  });
});
