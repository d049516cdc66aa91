import { describe, expect, it } from 'vitest';
import {
  KNOWN_JOIN_ERROR_CODES,
  COMPONENT_VIEW_JOIN_ERROR_CODES,
  explainJoinError,
  signedForLine,
} from '../../../lib/errors/join-errors.ts';
import { maxWait } from '../../../lib/max-wait.ts';
import { formatWaited, secondsBeforeNextTry } from '../../../web/src/page/wait-pace.ts';

/** "Not yet" (the host, a webinar's practice session) and "not now" (Zoom's service or rate limit): worth waiting. */
const WAITED_OUT: Record<number, RegExp> = {
  403: /Zoom to accept joins again/,
  3008: /the host to start this meeting/,
  3129: /practice session/,
  3139: /the host to start this meeting/,
  3633: /Zoom to accept joins again/,
  4009: /Zoom to accept joins again/,
};

describe('which refusals the page waits out (the join-error table decides per code)', () => {
  it.each(KNOWN_JOIN_ERROR_CODES.map((code) => [code]))('client view %i', (code) => {
    const { retry } = explainJoinError(code, '', 'client');
    if (WAITED_OUT[code]) {
      expect(retry?.waitingFor).toMatch(WAITED_OUT[code]);
      // Never sooner than Zoom's one join per 10 s; and something to say when waiting does not end it.
      expect(Math.min(...(retry?.paceSeconds ?? [0]))).toBeGreaterThanOrEqual(10);
      expect(retry?.stillRefused.length).toBeGreaterThan(0);
      expect(retry?.fixAfterWait).toMatch(/Join/);
    } else {
      // A wrong passcode, a removed participant, a reCAPTCHA, a bad signature: the same answer however often.
      expect(retry).toBeUndefined();
    }
  });

  it.each(COMPONENT_VIEW_JOIN_ERROR_CODES.map((code) => [code]))(
    'component view’s own code %i is never waited out',
    (code) => {
      expect(explainJoinError(code, '', 'component').retry).toBeUndefined();
    },
  );

  it('names every cause of a 3008 that the host says has started', () => {
    const lines = explainJoinError(3008).retry?.stillRefused.join(' ') ?? '';
    for (const cause of [/Personal Meeting ID/, /recurring meeting/, /another account/, /waiting room/])
      expect(lines).toMatch(cause);
  });

  it('the page’s own check: the number the signature was made for', () => {
    expect(signedForLine('123456789', '123456789')).toContain('it was made for meeting 123456789, the number joined');
    expect(signedForLine('987654321', '123456789')).toContain(
      'made for meeting 987654321, but this page joined 123456789',
    );
    expect(signedForLine(undefined, '123456789')).toContain('(none)');
  });
});

describe('the pace of tries', () => {
  const retry = explainJoinError(3008).retry!;
  it('10 s, 10 s, then further apart, the last pace repeating', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((tries) => secondsBeforeNextTry(retry, tries, false))).toEqual([
      10, 10, 30, 30, 60, 60, 60,
    ]);
  });
  it('a hidden tab keeps trying, once a minute at most', () => {
    expect([1, 3, 6].map((tries) => secondsBeforeNextTry(retry, tries, true))).toEqual([60, 60, 60]);
  });
  it('shows the time waited as a person reads it', () => {
    expect([0, 9_999, 65_000, 3_600_000 + 61_000].map(formatWaited)).toEqual(['0:00', '0:09', '1:05', '1:01:01']);
  });
});

describe('the maximum wait setting (VITE_MAX_WAIT_SECONDS)', () => {
  it('defaults to 30 minutes', () => {
    expect(maxWait(undefined)).toEqual({ ok: true, seconds: 1800 });
    expect(maxWait('')).toEqual({ ok: true, seconds: 1800 });
  });
  it('takes 0 (never wait) and whole seconds from 30 to 14400', () => {
    for (const seconds of [0, 30, 600, 14_400]) expect(maxWait(String(seconds))).toEqual({ ok: true, seconds });
  });
  it.each(['29', '14401', '1.5', 'half an hour', '-30', '1e3', '0x20'])(
    'refuses %s, naming the variable and what it accepts',
    (raw) => {
      const result = maxWait(raw);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/VITE_MAX_WAIT_SECONDS.*30 to 14400, 0 to explain/);
    },
  );
});
