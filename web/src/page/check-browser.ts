/**
 * "Check this browser", the gathering half: loaded when the button is clicked (never on the first load). The SDK's
 * own check runs in the meeting frame a join would use, which also tells whether the SDK's files load from where
 * this build takes them; the rest is the browser's: isolation, camera and microphone, and the signer's clock.
 */
import { assessBrowser, type BrowserFacts, type Finding, type Permission } from './assess-browser.ts';
import { checkInFrame } from './meeting-frame-host.ts';
import { effectiveView } from './meeting-view.ts';
import { SIGNATURE_URL } from '../shared/signer-url.ts';
import { clockSkewSeconds } from './show-signature-details.ts';
import { byId } from './dom.ts';
import type { JoinFormValues } from './form.ts';

async function permission(name: 'camera' | 'microphone'): Promise<Permission> {
  try {
    return (await navigator.permissions.query({ name: name as PermissionName })).state;
  } catch {
    return 'unknown'; // Some browsers (Firefox) do not answer for camera and microphone before asking.
  }
}

/** How many cameras and microphones the browser lists (labels stay hidden until permission; counts do not). */
async function deviceCounts(): Promise<{ cameras: number | null; microphones: number | null }> {
  try {
    const devices = await navigator.mediaDevices.enumerateDevices();
    return {
      cameras: devices.filter((device) => device.kind === 'videoinput').length,
      microphones: devices.filter((device) => device.kind === 'audioinput').length,
    };
  } catch {
    return { cameras: null, microphones: null };
  }
}

/** The signer's clock from its Date header: any answer carries one (HEAD: no body, nothing signed). */
async function signerClock(): Promise<BrowserFacts['clock']> {
  try {
    const res = await fetch(SIGNATURE_URL, { method: 'HEAD', cache: 'no-store' });
    const skew = clockSkewSeconds(res.headers.has('date') ? new Date(res.headers.get('date')!) : undefined);
    if (skew !== null) return { ok: true, skewSeconds: skew };
    // Browsers hide Date on another origin's answers unless the signer exposes it.
    const crossOrigin = new URL(SIGNATURE_URL, location.href).origin !== location.origin;
    return {
      ok: false,
      reason: crossOrigin
        ? 'the signer is on another origin; it would need to send "Access-Control-Expose-Headers: Date"'
        : 'its answer has no Date header',
    };
  } catch (error) {
    return {
      ok: false,
      reason: `${SIGNATURE_URL} did not answer: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

async function gatherFacts(values: Pick<JoinFormValues, 'language' | 'view'>): Promise<BrowserFacts> {
  const [sdk, camera, microphone, devices, clock] = await Promise.all([
    checkInFrame(values.language, effectiveView(values.view)).then(
      (check) => ({ ok: true as const, check }),
      (error: unknown) => ({ ok: false as const, reason: error instanceof Error ? error.message : String(error) }),
    ),
    permission('camera'),
    permission('microphone'),
    deviceCounts(),
    signerClock(),
  ]);
  return {
    sdk,
    crossOriginIsolated: window.crossOriginIsolated,
    camera: { permission: camera, devices: devices.cameras },
    microphone: { permission: microphone, devices: devices.microphones },
    clock,
  };
}

function renderFinding(finding: Finding): HTMLLIElement {
  const item = document.createElement('li');
  item.dataset.verdict = finding.verdict;
  const title = document.createElement('strong');
  title.textContent = finding.finding;
  item.append(title, ` ${finding.meaning}${finding.fix ? ` ${finding.fix}` : ''}`);
  return item;
}

export async function checkBrowser(values: Pick<JoinFormValues, 'language' | 'view'>): Promise<void> {
  const list = byId('browser-check-results');
  const button = byId('check-browser') as HTMLButtonElement;
  const loading = document.createElement('li');
  loading.textContent = 'Checking…';
  list.replaceChildren(loading);
  button.disabled = true;
  try {
    const findings = assessBrowser(await gatherFacts(values));
    list.replaceChildren(...findings.map(renderFinding));
    byId('preview-devices').hidden = false;
  } catch (error) {
    list.replaceChildren(
      renderFinding({
        check: 'Check',
        verdict: 'problem',
        finding: `The check itself failed (${error instanceof Error ? error.message : String(error)}).`,
        meaning: 'Nothing is known about this browser yet.',
        fix: 'Reload the page and check again.',
      }),
    );
  } finally {
    button.disabled = false;
  }
}

let preview: MediaStream | undefined;
let asking = false;

/** Ends the preview: its camera must not stay on (light included) under the meeting, which hides this section. */
export function stopPreview(): void {
  if (!preview) return;
  for (const track of preview.getTracks()) track.stop();
  preview = undefined;
  const video = byId('device-preview') as HTMLVideoElement;
  video.srcObject = null;
  video.hidden = true;
  byId('preview-devices').textContent = 'Preview camera and microphone';
}

/** Camera and microphone preview, on request: the browser asks for permission here rather than in the meeting. */
export async function togglePreview(): Promise<void> {
  if (preview) return stopPreview();
  // A second click while the browser still asks would leak the first stream.
  if (asking) return;
  asking = true;
  try {
    preview = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
  } catch (error) {
    const name = error instanceof DOMException ? error.name : '';
    byId('browser-check-results').append(
      renderFinding({
        check: 'Preview',
        verdict: 'problem',
        finding: `The preview could not start (${name || String(error)}).`,
        meaning:
          name === 'NotAllowedError'
            ? 'Camera or microphone access was refused; the meeting will be refused too.'
            : 'The camera or microphone is missing or held by another app.',
        fix: 'Allow both in the site settings (the icon left of the address bar), close other apps using them, and try again.',
      }),
    );
    return;
  } finally {
    asking = false;
  }
  const video = byId('device-preview') as HTMLVideoElement;
  video.srcObject = preview;
  video.hidden = false;
  byId('preview-devices').textContent = 'Stop preview';
}
