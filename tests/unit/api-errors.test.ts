import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../lib/contract.ts';
import { API_ERRORS, explainApiError } from '../../lib/errors/api-errors.ts';

describe('our functions’ error codes', () => {
  it('explains every code of the contract, and nothing else', () => {
    expect(Object.keys(API_ERRORS).sort()).toEqual([...ERROR_CODES].sort());
    for (const info of Object.values(API_ERRORS)) {
      for (const text of [info.meaning, info.cause, info.fix]) expect(text.length).toBeGreaterThan(10);
    }
  });

  it('puts the function’s own message as the cause, and explains another backend’s code in general terms', () => {
    expect(
      explainApiError('signer_not_configured', 'The signer is not configured: set ZOOM_MEETING_SDK_SECRET.'),
    ).toEqual({
      meaning: API_ERRORS.signer_not_configured.meaning,
      cause: 'The signer is not configured: set ZOOM_MEETING_SDK_SECRET.',
      fix: API_ERRORS.signer_not_configured.fix,
    });
    expect(explainApiError('toString')).toEqual({
      meaning: 'The server answered with the error “toString”.',
      cause: 'The server gave no reason.',
      fix: 'Fix what the server names and try again.',
    });
  });
});
