import { describe, expect, it } from 'vitest';
import { frameEmbedderPolicy } from '../../lib/isolation.ts';
import { joinTimeout } from '../../lib/join-deadline.ts';

describe('the meeting frame’s Cross-Origin-Embedder-Policy per engine (lib/isolation.ts)', () => {
  it.each([
    [
      'Chrome',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
      'credentialless',
    ],
    [
      'headless Chromium',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
      'credentialless',
    ],
    [
      'Edge',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0',
      'credentialless',
    ],
    [
      'Android Chrome',
      'Mozilla/5.0 (Linux; Android 15) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
      'credentialless',
    ],
    ['Firefox', 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0', 'credentialless'],
    [
      'Safari',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Safari/605.1.15',
      'require-corp',
    ],
    [
      'iPhone Safari',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 26_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1',
      'require-corp',
    ],
    [
      'Chrome on iOS (WebKit)',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 26_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/156.0 Mobile/15E148 Safari/604.1',
      'require-corp',
    ],
    [
      'Firefox on iOS (WebKit)',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 26_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/153.0 Mobile/15E148 Safari/605.1.15',
      'require-corp',
    ],
    [
      'Firefox ESR 115 (require-corp only)',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Firefox/115.0',
      'require-corp',
    ],
    [
      'Chrome 95 (require-corp only)',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/95.0.4638.69 Safari/537.36',
      'require-corp',
    ],
    [
      'Samsung Internet 26 (Chromium 122)',
      'Mozilla/5.0 (Linux; Android 15) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
      'credentialless',
    ],
    [
      'WebKitGTK MiniBrowser',
      'Mozilla/5.0 (X11; Ubuntu; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15',
      'require-corp',
    ],
  ])('%s: %s', (_name, userAgent, expected) => {
    expect(frameEmbedderPolicy(userAgent)).toBe(expected);
  });
});

describe('the join deadline setting (VITE_JOIN_TIMEOUT_SECONDS)', () => {
  it('defaults to 30 s', () => {
    expect(joinTimeout(undefined)).toEqual({ ok: true, seconds: 30 });
    expect(joinTimeout(' ')).toEqual({ ok: true, seconds: 30 });
  });
  it('takes whole seconds from 5 to 600', () => {
    expect(joinTimeout('8')).toEqual({ ok: true, seconds: 8 });
    expect(joinTimeout('600')).toEqual({ ok: true, seconds: 600 });
  });
  it.each(['4', '601', '8.5', 'thirty', '-10', '1e3'])('refuses %s, naming the variable and what it accepts', (raw) => {
    const result = joinTimeout(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/VITE_JOIN_TIMEOUT_SECONDS.*5 to 600/);
  });
});
