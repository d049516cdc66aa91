import { describe, expect, it } from 'vitest';
import { effectiveView, isPhone } from '../../../web/src/page/meeting-view.ts';

const desktop = (query: string) => query === '(pointer: fine)';
const touchPhone = (query: string) => query === '(pointer: coarse)' || query === '(max-width: 820px)';
const CHROME_DESKTOP =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Safari/537.36';
const PIXEL =
  'Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Mobile Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';

describe('which view a join uses', () => {
  it('recognises phones by user agent or by a small touch-only screen', () => {
    expect(isPhone(CHROME_DESKTOP, desktop)).toBe(false);
    expect(isPhone(PIXEL, desktop)).toBe(true);
    expect(isPhone(IPHONE, desktop)).toBe(true);
    expect(isPhone(CHROME_DESKTOP, touchPhone)).toBe(true);
  });

  it('falls back to client view on a phone only, and never changes a choice of client view', () => {
    expect(effectiveView('component', false)).toBe('component');
    expect(effectiveView('component', true)).toBe('client');
    expect(effectiveView('client', true)).toBe('client');
    expect(effectiveView('client', false)).toBe('client');
  });
});
