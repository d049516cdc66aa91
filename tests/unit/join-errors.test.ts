import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  COMPONENT_VIEW_JOIN_ERROR_CODES,
  KNOWN_JOIN_ERROR_CODES,
  explainJoinError,
} from '../../lib/errors/join-errors.ts';
import { CLIENT_VIEW_BUNDLE, COMPONENT_VIEW_BUNDLE, SDK_VERSION } from '../support/zoom-sdk-package.ts';

/** Every code the installed SDK's bundle maps a Zoom answer to (its `apac.errorcodes_*` → code tables). */
function codesInSdkBundle(path = CLIENT_VIEW_BUNDLE): number[] {
  const bundle = readFileSync(path, 'utf8');
  const codes = new Set<number>();
  for (const match of bundle.matchAll(
    /"apac\.(?:errorcodes_[a-z0-9_]+|invalid_parameter|dialog\.[a-z_]+)":(\d+(?:e\d)?)/g,
  )) {
    codes.add(Number(match[1]));
  }
  return [...codes];
}

describe('join error table', () => {
  it('has a meaning, a likely cause and a fix for every code', () => {
    for (const code of KNOWN_JOIN_ERROR_CODES) {
      const info = explainJoinError(code);
      expect(info.code).toBe(code);
      for (const text of [info.meaning, info.cause, info.fix]) expect(text.length, `code ${code}`).toBeGreaterThan(5);
    }
  });

  it(`covers every code the SDK ${SDK_VERSION} bundle can report`, () => {
    const missing = codesInSdkBundle().filter((code) => !KNOWN_JOIN_ERROR_CODES.includes(code));
    expect(missing).toEqual([]);
  });

  it('covers the documented ranges: 0–3, 200, 403, 3000–3713, 4000–4019, 10000', () => {
    const documented = [
      0, 1, 2, 3, 200, 403, 3000, 3001, 3003, 3004, 3005, 3008, 3009, 3010, 3034, 3082, 3099, 3100, 3265, 3603, 3604,
      3606, 3608, 3609, 3610, 3611, 3620, 3621, 3622, 3623, 3624, 3625, 3627, 3630, 3633, 3634, 3635, 3701, 3702, 3703,
      3704, 3705, 3706, 3707, 3708, 3709, 3710, 3711, 3712, 3713, 4000, 4001, 4003, 4004, 4005, 4006, 4007, 4008, 4011,
      4012, 4013, 4014, 4015, 4016, 4017, 4018, 4019, 10000,
    ];
    expect(documented.filter((code) => !KNOWN_JOIN_ERROR_CODES.includes(code))).toEqual([]);
  });

  it.each([
    [3712, /Client ID and Client Secret of a\s+Meeting SDK app/, /appKey/],
    [3008, /host/, /join before host/],
    [3705, /clock/, /Sync the server clock/],
    [4011, /2026-03-02/, /Marketplace review/],
    [10000, /minimum web SDK version/, /Upgrade @zoom\/meetingsdk/],
  ])('explains %i in the terms a developer needs', (code, cause, fix) => {
    const info = explainJoinError(code);
    expect(info.cause + info.fix).toMatch(cause);
    expect(info.fix).toMatch(fix);
  });

  it(`covers every code the SDK ${SDK_VERSION} embedded bundle (component view) maps Zoom's answers to`, () => {
    const missing = codesInSdkBundle(COMPONENT_VIEW_BUNDLE).filter((code) => !KNOWN_JOIN_ERROR_CODES.includes(code));
    expect(missing).toEqual([]);
  });

  it('decodes component view’s own codes with their own meaning, and shared codes the same in both views', () => {
    // The embedded client's enum: 1 OPERATION_TIMEOUT, 2 INTERNAL_ERROR, 3 OPERATION_CANCELLED, 200
    // SESSION_FETCH_INFO_ERROR, 5000+ CLIENT_*; read from the bundle so an SDK upgrade that renumbers them fails here.
    const bundle = readFileSync(COMPONENT_VIEW_BUNDLE, 'utf8');
    for (const [name, code] of [
      ['OPERATION_TIMEOUT', 1],
      ['INTERNAL_ERROR', 2],
      ['OPERATION_CANCELLED', 3],
      ['SESSION_FETCH_INFO_ERROR', 200],
      ['CLIENT_PLATFORM_UNSUPPORTED', 5000],
      ['CLIENT_DEPENDENT_ASSETS_INACCESSIBLE', 5001],
      ['CLIENT_DUPLICATED_JOIN', 5012],
      ['CLIENT_INVALID_JOIN_PARAMETER', 5013],
    ] as const) {
      expect(bundle, name).toContain(`e[e.${name}=${code === 5000 ? '5e3' : code}]="${name}"`);
      expect(COMPONENT_VIEW_JOIN_ERROR_CODES).toContain(code);
    }
    expect(explainJoinError(1, '', 'component').meaning).toContain('timed out');
    expect(explainJoinError(1, '', 'client').meaning).toContain('generic failure');
    expect(explainJoinError(200, 'Meeting does not exist.', 'component').cause).toContain('meeting number');
    expect(explainJoinError(3004, '', 'component')).toEqual(explainJoinError(3004, '', 'client'));
    for (const code of COMPONENT_VIEW_JOIN_ERROR_CODES) {
      const info = explainJoinError(code, '', 'component');
      for (const text of [info.meaning, info.cause, info.fix]) expect(text.length, `code ${code}`).toBeGreaterThan(5);
    }
  });

  it('keeps an unknown code and the SDK’s own message', () => {
    const info = explainJoinError(99999, 'Something new.');
    expect(info).toMatchObject({ code: 99999, meaning: 'Something new.' });
    expect(info.fix).toContain('Meeting SDK Web error codes');
    expect(explainJoinError(99998).meaning).toContain('does not know yet');
  });
});
