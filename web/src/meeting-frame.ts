import type { ZoomMtg as ZoomMtgApi } from '@zoom/meetingsdk';
import { LEFT_MEETING_PARAM, LEFT_MEETING_MESSAGE, type JoinParams, type JoinResult } from './meeting-frame-api.ts';

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
    typeof result.errorMessage === 'string' ? result.errorMessage : typeof result.result === 'string' ? result.result : '';
  return { ok: false, code: Number.isFinite(code) ? code : 1, message };
}

let sdkReady: Promise<ZoomMtg> | undefined;

/** The SDK (≈1.5 MB gzipped) starts loading as soon as the page creates this frame, before anyone clicks Join. */
function loadSdk(): Promise<ZoomMtg> {
  sdkReady ??= import('@zoom/meetingsdk').then(({ ZoomMtg }) => {
    ZoomMtg.preLoadWasm();
    ZoomMtg.prepareWebSDK();
    return ZoomMtg;
  });
  return sdkReady;
}

function init(sdk: ZoomMtg): Promise<JoinResult> {
  return new Promise((resolve) => {
    sdk.init({
      // The SDK navigates here when the user leaves; the frame then tells the page (below).
      leaveUrl: `${location.origin}${location.pathname}?${LEFT_MEETING_PARAM}`,
      patchJsMedia: true,
      // Without cross-origin isolation the SDK must not ask for CORP-protected resources.
      disableCORP: !window.crossOriginIsolated,
      // The page explains failures with cause and fix; the SDK's dialog would only cover them.
      isShowJoiningErrorDialog: false,
      success: () => resolve({ ok: true }),
      error: (error: unknown) => resolve(toFailure(error)),
    });
  });
}

async function join(params: JoinParams): Promise<JoinResult> {
  const sdk = await loadSdk();
  await sdk.i18n.load(params.language);
  const initialised = await init(sdk);
  if (!initialised.ok) return initialised;
  return new Promise((resolve) => {
    sdk.join({
      signature: params.signature,
      meetingNumber: params.meetingNumber,
      passWord: params.passcode,
      userName: params.userName,
      userEmail: params.userEmail,
      tk: params.tk,
      zak: params.zak,
      success: () => resolve({ ok: true }),
      error: (error: unknown) => resolve(toFailure(error)),
    });
  });
}

if (new URLSearchParams(location.search).has(LEFT_MEETING_PARAM)) {
  window.parent.postMessage({ type: LEFT_MEETING_MESSAGE }, location.origin);
} else {
  window.meetingFrame = { join };
  // A failed download surfaces when join() awaits it; here it would only be an unhandled rejection.
  loadSdk().catch(() => undefined);
}
