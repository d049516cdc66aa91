/**
 * "Check this browser", the judging half: facts gathered in the browser (check-browser.ts) → one finding per check,
 * each saying what it means for the meeting and what to do. Pure, so every verdict is unit-tested.
 */
import type { SdkCheck } from '../shared/frame-protocol.ts';
import { CLOCK_SKEW_LIMIT_SECONDS, clockWarning } from './show-signature-details.ts';

type Verdict = 'ok' | 'info' | 'warning' | 'problem';

export interface Finding {
  check: string;
  verdict: Verdict;
  /** What was found, in a sentence. */
  finding: string;
  /** What it means for the meeting. */
  meaning: string;
  /** What to do; absent when nothing needs doing. */
  fix?: string;
}

/** `unknown`: the browser does not tell before it asks (Firefox, for camera and microphone). */
export type Permission = PermissionState | 'unknown';

export interface BrowserFacts {
  sdk: { ok: true; check: SdkCheck } | { ok: false; reason: string };
  crossOriginIsolated: boolean;
  camera: { permission: Permission; devices: number | null };
  microphone: { permission: Permission; devices: number | null };
  /** This computer's clock minus the signer's, in seconds; or why it could not be compared. */
  clock: { ok: true; skewSeconds: number } | { ok: false; reason: string };
}

function sdkFinding(sdk: BrowserFacts['sdk']): Finding {
  const check = 'Zoom’s requirements';
  if (!sdk.ok) {
    return {
      check,
      verdict: 'problem',
      finding: `The Meeting SDK could not be loaded to check this browser (${sdk.reason}).`,
      meaning: 'A join would fail the same way.',
      fix: 'Reload the page; if it persists, check the network, an ad blocker or a proxy that blocks scripts.',
    };
  }
  const { supported, unsupported, platform } = sdk.check;
  const on = platform ? ` on ${platform}` : '';
  if (unsupported.length === 0) {
    return {
      check,
      verdict: 'ok',
      finding: `The SDK supports this browser${on}${supported.length ? `: ${supported.join(', ')}` : ''}.`,
      meaning: 'Everything the SDK checks works here.',
    };
  }
  return {
    check,
    verdict: 'warning',
    finding: `The SDK reports these as not supported${on}: ${unsupported.join(', ')}.`,
    meaning: 'You can join; those features will be missing or limited in this browser.',
    fix: 'Only if you need them: join from another current desktop browser, or from Zoom’s desktop app.',
  };
}

function isolationFinding(isolated: boolean): Finding {
  const check = 'Cross-origin isolation';
  return isolated
    ? {
        check,
        verdict: 'ok',
        finding: 'This page is cross-origin isolated.',
        meaning: 'Gallery view, HD video and virtual backgrounds are available.',
      }
    : {
        check,
        verdict: 'warning',
        finding: 'This page is not cross-origin isolated.',
        meaning: 'You can join, but without gallery view (only the active speaker), virtual backgrounds or HD video.',
        fix:
          'Serve the page and its meeting frames with Cross-Origin-Opener-Policy: same-origin and a ' +
          'Cross-Origin-Embedder-Policy (the build’s dist/_headers does: docs/browsers.md).',
      };
}

const DEVICES = {
  camera: { name: 'Camera', noun: 'a camera', without: 'Others will not see you (you can still join and listen).' },
  microphone: {
    name: 'Microphone',
    noun: 'a microphone',
    without: 'Others will not hear you (you can still join, chat, or dial in by phone).',
  },
} as const;

function deviceFinding(kind: keyof typeof DEVICES, facts: BrowserFacts['camera']): Finding {
  const { name, noun, without } = DEVICES[kind];
  if (facts.permission === 'denied') {
    return {
      check: name,
      verdict: 'problem',
      finding: `${name}: blocked for this site.`,
      meaning: without,
      fix: `Allow the ${kind} in the site settings (the icon left of the address bar), then reload.`,
    };
  }
  if (facts.devices === 0) {
    return {
      check: name,
      verdict: 'warning',
      finding: `${name}: none found.`,
      meaning: without,
      fix: `Connect ${noun} (or close other apps that hold it) and check again.`,
    };
  }
  const found = facts.devices ? ` (${facts.devices} found)` : '';
  if (facts.permission === 'granted') {
    return {
      check: name,
      verdict: 'ok',
      finding: `${name}: allowed${found}.`,
      meaning: `The meeting can use your ${kind} when you turn it on.`,
    };
  }
  return {
    check: name,
    verdict: 'info',
    finding:
      facts.permission === 'prompt'
        ? `${name}: not allowed yet${found}.`
        : `${name}: this browser does not say before it asks${found}.`,
    meaning: `The browser will ask when the meeting first uses your ${kind}.`,
    fix: `Answer “Allow”, or try the preview below now.`,
  };
}

function assetsFinding(sdk: BrowserFacts['sdk']): Finding | null {
  if (!sdk.ok) return null;
  const { url, reachable, detail } = sdk.check.assets;
  const host = new URL(url).host;
  return reachable
    ? {
        check: 'SDK files',
        verdict: 'ok',
        finding: `The SDK’s media files load from ${host}.`,
        meaning: 'Audio, video and the meeting window can start.',
      }
    : {
        check: 'SDK files',
        verdict: 'problem',
        finding: `The SDK’s media files cannot be loaded from ${host} (${detail}).`,
        meaning: 'A join will fail while loading them (error 3635, or 5001 inside this page).',
        fix: `Allow ${host} in the firewall, proxy or ad blocker, or have the site serve them itself (VITE_ZOOM_ASSETS=self).`,
      };
}

function clockFinding(clock: BrowserFacts['clock']): Finding {
  const check = 'Clock';
  if (!clock.ok) {
    return {
      check,
      verdict: 'info',
      finding: `Could not compare this computer’s clock with the signer’s (${clock.reason}).`,
      meaning: 'Nothing is wrong for that; a skewed clock shows up as “signature expired” (3705) or “invalid” (3712).',
    };
  }
  const warning = clockWarning(clock.skewSeconds);
  return warning
    ? {
        check,
        verdict: 'warning',
        finding: warning,
        meaning: 'Joins may be refused with 3705 or 3712.',
        fix: 'Turn on automatic time (NTP) on this computer and on the signer.',
      }
    : {
        check,
        verdict: 'ok',
        finding: `This computer’s clock is within ${CLOCK_SKEW_LIMIT_SECONDS} s of the signer’s (${clock.skewSeconds} s).`,
        meaning: 'Signature times will be accepted.',
      };
}

export function assessBrowser(facts: BrowserFacts): Finding[] {
  return [
    sdkFinding(facts.sdk),
    isolationFinding(facts.crossOriginIsolated),
    deviceFinding('camera', facts.camera),
    deviceFinding('microphone', facts.microphone),
    assetsFinding(facts.sdk),
    clockFinding(facts.clock),
  ].filter((finding): finding is Finding => finding !== null);
}
