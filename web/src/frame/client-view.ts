/**
 * Zoom's client view in this frame: load the SDK, prepare it (language + init, no signature needed), and
 * `ZoomMtg.join` with the signature the page obtained. Failures come back as { code, message } for the page to
 * explain.
 */
import type { ZoomMtg as ZoomMtgApi } from '@zoom/meetingsdk';
import { ZOOM_CLOUD, sdkLibUrl } from '../shared/zoom-cloud.ts';
import type { Language } from '../shared/languages.ts';
import { LEFT_MEETING_PARAM, type JoinParams, type JoinResult, type SdkCheck } from '../shared/frame-protocol.ts';
import { probeAssets } from './probe-assets.ts';
import { enterJoin, enterSdkEvaluated, zoomRefusalCode } from './join-stage.ts';

type ZoomMtg = typeof ZoomMtgApi;

/** The shape of what the SDK hands to init/join callbacks. */
interface SdkCallbackResult {
  errorCode?: unknown;
  errorMessage?: unknown;
  result?: unknown;
}

function toFailure(value: unknown): JoinResult {
  const result = (value ?? {}) as SdkCallbackResult;
  const code = Number(result.errorCode ?? Number.NaN);
  const message =
    typeof result.errorMessage === 'string'
      ? result.errorMessage
      : typeof result.result === 'string'
        ? result.result
        : '';
  return { ok: false, code: Number.isFinite(code) ? code : 1, message };
}

let sdkReady: Promise<ZoomMtg> | undefined;

/** The SDK (≈1.5 MB gzipped) starts loading as soon as the page creates this frame, before anyone clicks Join. */
export function loadSdk(): Promise<ZoomMtg> {
  sdkReady ??= import('@zoom/meetingsdk').then(({ ZoomMtg }) => {
    // Self-hosted, Zoom for Government's or the China CDN: before anything loads, so not one request goes elsewhere.
    if (ZOOM_CLOUD.customLib) ZoomMtg.setZoomJSLib(sdkLibUrl(), '/av');
    enterSdkEvaluated();
    ZoomMtg.preLoadWasm();
    ZoomMtg.prepareWebSDK();
    return ZoomMtg;
  });
  return sdkReady;
}

let initialised: { language: Language; result: Promise<JoinResult> } | undefined;

/** i18n + init, once per frame: it needs no signature, so the page runs it while the signer answers. */
export async function prepare(language: Language): Promise<JoinResult> {
  if (initialised) {
    if (initialised.language !== language) {
      initialised.language = language;
      (await loadSdk()).i18n.reload(language);
    }
    return initialised.result;
  }
  const result = loadSdk().then(async (sdk) => {
    await sdk.i18n.load(language);
    return new Promise<JoinResult>((resolve) => {
      sdk.init({
        // The SDK navigates here when the user leaves; the frame then tells the page (below).
        leaveUrl: `${location.origin}${location.pathname}?${LEFT_MEETING_PARAM}`,
        patchJsMedia: true,
        // Zoom for Government: joins go to its endpoint (the SDK's default is zoom.us).
        ...(ZOOM_CLOUD.webEndpoint === 'zoom.us' ? {} : { webEndpoint: ZOOM_CLOUD.webEndpoint }),
        // Without cross-origin isolation the SDK must not ask for CORP-protected resources.
        disableCORP: !window.crossOriginIsolated,
        // The page explains failures with cause and fix; the SDK's dialog would only cover them.
        isShowJoiningErrorDialog: false,
        success: () => resolve({ ok: true }),
        error: (error: unknown) => resolve(toFailure(error)),
      });
    });
  });
  initialised = { language, result };
  result.then(
    (outcome) => {
      if (!outcome.ok) initialised = undefined;
    },
    () => (initialised = undefined),
  );
  return result;
}

export async function join(params: JoinParams): Promise<JoinResult> {
  enterJoin();
  const prepared = await prepare(params.language);
  if (!prepared.ok) return prepared;
  const sdk = await loadSdk();
  return new Promise((resolve) => {
    sdk.join({
      signature: params.signature,
      meetingNumber: params.meetingNumber,
      passWord: params.passcode,
      userName: params.userName,
      userEmail: params.userEmail,
      tk: params.tk,
      // Only the token there is: an empty zak next to an obfToken still counts as "both" for some SDK versions.
      ...(params.obfToken ? { obfToken: params.obfToken } : params.zak ? { zak: params.zak } : {}),
      success: () => resolve({ ok: true }),
      error: (error: unknown) => resolve(withZoomCode(toFailure(error))),
    });
  });
}

/**
 * Client view reports some of Zoom's refusals as its generic error 1: "the meeting has not started" (Zoom's 3008)
 * is one, measured on 6.2.0 (its own wait-for-host page is only for isShowJoiningErrorDialog, which this page turns
 * off). Zoom's own code goes with it, so the page can explain what Zoom said.
 */
function withZoomCode(failure: JoinResult): JoinResult {
  const zoomCode = zoomRefusalCode();
  return !failure.ok && failure.code === 1 && zoomCode !== undefined ? { ...failure, zoomCode } : failure;
}

/** The SDK's leave: it sends this frame to the leave URL, which tells the page (frame/main.ts). */
export async function leave(): Promise<void> {
  (await loadSdk()).leaveMeeting({});
}

/** Client view mutes by user id: this attendee's own, asked of the SDK first. */
export async function mute(muted: boolean): Promise<void> {
  const sdk = await loadSdk();
  sdk.getCurrentUser({
    success: (answer: { result?: { currentUser?: { userId?: number } } }) => {
      const userId = answer.result?.currentUser?.userId;
      if (userId !== undefined) sdk.mute({ userId, mute: muted });
    },
  });
}

/** The SDK is evaluated and prepared, and the media libraries it injected have loaded. */
export async function ready(): Promise<void> {
  await loadSdk();
  if (document.readyState !== 'complete') {
    await new Promise((resolve) => window.addEventListener('load', resolve, { once: true }));
  }
}

/** "Check this browser": the SDK's feature check (its checkSystemRequirements is deprecated in favour of it). */
export async function check(): Promise<SdkCheck> {
  const [features, assets] = await Promise.all([
    loadSdk().then((sdk) => sdk.checkFeatureRequirements()),
    probeAssets(),
  ]);
  return {
    supported: features.supportFeatures,
    unsupported: features.unSupportFeatures,
    platform: features.platform,
    assets,
  };
}
