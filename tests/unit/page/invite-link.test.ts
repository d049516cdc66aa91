import { describe, expect, it } from 'vitest';
import { joinLinkFor, parseInviteLink, parseOwnJoinLink } from '../../../web/src/page/invite-link.ts';
import { preferredLanguage, LANGUAGES } from '../../../web/src/shared/languages.ts';

describe('parseInviteLink', () => {
  it.each([
    ['https://us02web.zoom.us/j/97875981800?pwd=abcDEF123', { meetingNumber: '97875981800', passcode: 'abcDEF123' }],
    ['https://zoom.us/j/123456789', { meetingNumber: '123456789' }],
    [
      '  https://company.zoom.us/w/123456789?tk=TOKEN&pwd=p  ',
      { meetingNumber: '123456789', passcode: 'p', tk: 'TOKEN' },
    ],
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

describe('this site’s join links', () => {
  const site = 'https://meet.example.org';

  it.each([
    [`${site}/j/97875981800?pwd=abc.DEF-1`, { meetingNumber: '97875981800', passcode: 'abc.DEF-1' }],
    [`${site}/j/978-7598-1800`, { meetingNumber: '97875981800' }],
    [`${site}/j/978%207598%201800?pwd=x&tk=T`, { meetingNumber: '97875981800', passcode: 'x', tk: 'T' }],
  ])('opens %s with the fields filled', (href, expected) => {
    expect(parseOwnJoinLink(href)).toEqual(expected);
  });

  it.each([
    `${site}/`,
    `${site}/?pwd=x`,
    `${site}/j/12345`,
    `${site}/j/abc`,
    `${site}/w/123456789`,
    `${site}/j/%E0%A4%A`,
  ])('leaves %s alone', (href) => expect(parseOwnJoinLink(href)).toBeNull());

  it('copies number and passcode only, encoded, and reads back to the same fields', () => {
    const link = joinLinkFor(site, { meetingNumber: '123456789', passcode: 'a b&c=d?' });
    expect(link).toBe(`${site}/j/123456789?pwd=a+b%26c%3Dd%3F`);
    expect(parseOwnJoinLink(link)).toEqual({ meetingNumber: '123456789', passcode: 'a b&c=d?' });
    expect(joinLinkFor(site, { meetingNumber: '123456789', passcode: '' })).toBe(`${site}/j/123456789`);
  });

  it('a copied link swaps hosts with a Zoom invite link both ways', () => {
    const zoom = 'https://us02web.zoom.us/j/97875981800?pwd=abcDEF123';
    const ours = zoom.replace('https://us02web.zoom.us', site);
    expect(parseOwnJoinLink(ours)).toEqual(parseInviteLink(zoom));
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
