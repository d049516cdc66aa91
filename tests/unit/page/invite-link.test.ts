import { describe, expect, it } from 'vitest';
import { parseInviteLink } from '../../../web/src/page/invite-link.ts';
import { preferredLanguage, LANGUAGES } from '../../../web/src/shared/languages.ts';

describe('parseInviteLink', () => {
  it.each([
    ['https://us02web.zoom.us/j/97875981800?pwd=abcDEF123', { meetingNumber: '97875981800', passcode: 'abcDEF123' }],
    ['https://zoom.us/j/123456789', { meetingNumber: '123456789' }],
    ['  https://company.zoom.us/w/123456789?tk=TOKEN&pwd=p  ', { meetingNumber: '123456789', passcode: 'p', tk: 'TOKEN' }],
    ['https://zoom.us/wc/join/123456789?pwd=x', { meetingNumber: '123456789', passcode: 'x' }],
    ['https://zoom.us/wc/123456789/join', { meetingNumber: '123456789' }],
    ['https://app.zoom.com/j/1234567890', { meetingNumber: '1234567890' }],
    ['https://example.zoomgov.com/j/1234567890#success', { meetingNumber: '1234567890' }],
  ])('reads %s', (link, expected) => {
    expect(parseInviteLink(link)).toEqual(expected);
  });

  it.each([
    '978 759 818',
    '978759818',
    'https://evil.example/j/123456789?pwd=x',
    'https://zoom.us.evil.example/j/123456789',
    'https://zoom.us/my/personal.name',
    'https://zoom.us/j/12345',
    'javascript:alert(1)',
    'zoommtg://zoom.us/join?confno=123456789',
  ])('ignores %s', (text) => {
    expect(parseInviteLink(text)).toBeNull();
  });
});

describe('languages', () => {
  it('lists the SDK’s 17 UI languages', () => {
    expect(LANGUAGES).toHaveLength(17);
  });
  it.each([
    [['de-AT', 'en'], 'de-DE'],
    [['ja'], 'ja-JP'],
    [['zh-TW'], 'zh-TW'],
    [['xx'], 'en-US'],
    [[], 'en-US'],
  ])('picks %j → %s', (candidates, expected) => {
    expect(preferredLanguage(candidates)).toBe(expected);
  });
});
