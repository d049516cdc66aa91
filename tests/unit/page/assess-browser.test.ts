/** "Check this browser": every verdict, from facts as the browser reports them. */
import { describe, expect, it } from 'vitest';
import { assessBrowser, type BrowserFacts } from '../../../web/src/page/assess-browser.ts';

const sdkCheck = {
  supported: ['audio', 'video'],
  unsupported: [],
  platform: 'Chrome 156',
  assets: { url: 'https://source.zoom.us/x/lib/av/js_media.min.js', reachable: true, detail: 'HTTP 200' },
};

const healthy: BrowserFacts = {
  sdk: { ok: true, check: sdkCheck },
  crossOriginIsolated: true,
  camera: { permission: 'granted', devices: 1 },
  microphone: { permission: 'granted', devices: 2 },
  clock: { ok: true, skewSeconds: 3 },
};

const byCheck = (facts: BrowserFacts) =>
  Object.fromEntries(assessBrowser(facts).map((finding) => [finding.check, finding]));

describe('assessBrowser', () => {
  it('a healthy browser: every line ok, each saying what it means', () => {
    const findings = assessBrowser(healthy);
    expect(findings.map((f) => [f.check, f.verdict])).toEqual([
      ['Zoom’s requirements', 'ok'],
      ['Cross-origin isolation', 'ok'],
      ['Camera', 'ok'],
      ['Microphone', 'ok'],
      ['SDK files', 'ok'],
      ['Clock', 'ok'],
    ]);
    for (const finding of findings) expect(finding.meaning.length).toBeGreaterThan(10);
    expect(byCheck(healthy).Microphone?.finding).toBe('Microphone: allowed (2 found).');
    expect(byCheck(healthy)['SDK files']?.finding).toContain('source.zoom.us');
  });

  it('not isolated: joins, without gallery view; says which headers', () => {
    const finding = byCheck({ ...healthy, crossOriginIsolated: false })['Cross-origin isolation'];
    expect(finding).toMatchObject({ verdict: 'warning', meaning: expect.stringContaining('gallery view') });
    expect(finding?.fix).toContain('Cross-Origin-Embedder-Policy');
  });

  it.each([
    [{ permission: 'denied', devices: 1 }, 'problem', 'blocked'],
    [{ permission: 'prompt', devices: 1 }, 'info', 'not allowed yet'],
    [{ permission: 'unknown', devices: null }, 'info', 'does not say'],
    [{ permission: 'granted', devices: 0 }, 'warning', 'none found'],
  ] as const)('camera %j → %s', (camera, verdict, words) => {
    const finding = byCheck({ ...healthy, camera })['Camera'];
    expect(finding?.verdict).toBe(verdict);
    expect(finding?.finding).toContain(words);
    expect(finding?.fix).toBeTruthy();
  });

  it('SDK features missing, SDK not loadable, files blocked', () => {
    const missing = byCheck({ ...healthy, sdk: { ok: true, check: { ...sdkCheck, unsupported: ['screen sharing'] } } });
    expect(missing['Zoom’s requirements']).toMatchObject({
      verdict: 'warning',
      finding: expect.stringContaining('screen sharing'),
    });
    const failed = byCheck({ ...healthy, sdk: { ok: false, reason: 'Failed to fetch' } });
    expect(failed['Zoom’s requirements']).toMatchObject({
      verdict: 'problem',
      finding: expect.stringContaining('Failed to fetch'),
    });
    expect(failed['SDK files']).toBeUndefined();
    const blocked = byCheck({
      ...healthy,
      sdk: {
        ok: true,
        check: {
          supported: [],
          unsupported: [],
          assets: {
            url: 'https://source.zoomgov.com/x/lib/av/js_media.min.js',
            reachable: false,
            detail: 'Failed to fetch',
          },
        },
      },
    });
    expect(blocked['SDK files']).toMatchObject({
      verdict: 'problem',
      finding: expect.stringContaining('source.zoomgov.com'),
    });
    expect(blocked['SDK files']?.fix).toContain('VITE_ZOOM_ASSETS=self');
  });

  it('clock: skewed, in step, unknown', () => {
    expect(byCheck({ ...healthy, clock: { ok: true, skewSeconds: -300 } })['Clock']).toMatchObject({
      verdict: 'warning',
      finding: expect.stringContaining('300 s behind'),
    });
    expect(byCheck({ ...healthy, clock: { ok: true, skewSeconds: 60 } })['Clock']?.verdict).toBe('ok');
    expect(byCheck({ ...healthy, clock: { ok: false, reason: 'no Date' } })['Clock']).toMatchObject({
      verdict: 'info',
      finding: expect.stringContaining('no Date'),
    });
  });
});
