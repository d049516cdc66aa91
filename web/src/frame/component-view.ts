/**
 * Zoom's component view (`ZoomMtgEmbedded`) in this frame, which the page places inside a region of its own layout:
 * load the embedded SDK, `init()` it into the frame's root element (no signature needed), and `join()` with the
 * signature the page obtained. Failures are rejected promises (`{ type, reason, errorCode }`), handed back as
 * { code, message, kind } for the page to explain with the same table as client view.
 */
import type { EmbeddedClient, InitOptions } from '@zoom/meetingsdk/embedded';
import { ZOOM_CLOUD, sdkLibUrl } from '../shared/zoom-cloud.ts';
import type { Language } from '../shared/languages.ts';
import { LEFT_MEETING_MESSAGE, type JoinParams, type JoinResult, type SdkCheck } from '../shared/frame-protocol.ts';
import { probeAssets } from './probe-assets.ts';
import { enterJoin, enterSdkEvaluated } from './join-stage.ts';

type Client = typeof EmbeddedClient;

/** What the embedded SDK rejects with; its .d.ts names only `type` and `reason`, the bundle adds `errorCode`. */
interface EmbeddedFailure {
  type?: unknown;
  reason?: unknown;
  errorCode?: unknown;
}

/**
 * Some rejections carry only a `type` (the .d.ts's ExecutedFailure): its number in the embedded SDK's own enum, so
 * the page still explains it; without either, 200, the embedded SDK's own "failed" code.
 */
const CODE_OF_TYPE: Record<string, number> = {
  OPERATION_TIMEOUT: 1,
  INTERNAL_ERROR: 2,
  OPERATION_CANCELLED: 3,
  INVALID_OPERATION: 5012,
  INVALID_PARAMETERS: 5013,
};

/** Anything the SDK rejects with becomes a failure with a code the page can decode. */
export function toFailure(value: unknown): Extract<JoinResult, { ok: false }> {
  const failure = (typeof value === 'object' && value !== null ? value : { reason: String(value) }) as EmbeddedFailure;
  const byType = typeof failure.type === 'string' ? CODE_OF_TYPE[failure.type] : undefined;
  const code = Number(failure.errorCode ?? byType ?? 200);
  const message = typeof failure.reason === 'string' ? failure.reason : value instanceof Error ? value.message : '';
  return {
    ok: false,
    code: Number.isFinite(code) ? code : 200,
    message,
    ...(typeof failure.type === 'string' ? { kind: failure.type } : {}),
  };
}

let sdkReady: Promise<Client> | undefined;

/** The embedded SDK (≈1 MB gzipped) loads when the page creates this frame: only once component view is chosen. */
export function loadSdk(): Promise<Client> {
  sdkReady ??= import('@zoom/meetingsdk/embedded').then(({ default: ZoomMtgEmbedded }) => {
    enterSdkEvaluated();
    return ZoomMtgEmbedded.createClient();
  });
  return sdkReady;
}

const root = (): HTMLElement => {
  const element = document.getElementById('meeting-root');
  if (!element) throw new Error('#meeting-root is missing from meeting-component.html');
  return element;
};

/** The meeting's video area: the frame's size (the page's region) less the SDK's toolbar, within Zoom's limits. */
function viewSize(): { width: number; height: number } {
  return { width: Math.max(320, Math.round(innerWidth)), height: Math.max(240, Math.round(innerHeight - 56)) };
}

let initialised: { language: Language; result: Promise<JoinResult> } | undefined;

/**
 * init() once per frame: it needs no signature, so the page runs it while the signer answers. The embedded client
 * takes its language at init only, so a different language needs a fresh frame (the page creates one).
 */
export function prepare(language: Language): Promise<JoinResult> {
  if (initialised?.language === language) return initialised.result;
  const options: InitOptions = {
    zoomAppRoot: root(),
    language,
    patchJsMedia: true,
    leaveOnPageUnload: true,
    // Self-hosted, Zoom for Government's or the China CDN's media libraries, and Zoom for Government's endpoint.
    ...(ZOOM_CLOUD.customLib ? { assetPath: `${sdkLibUrl()}/av` } : {}),
    ...(ZOOM_CLOUD.webEndpoint === 'zoom.us' ? {} : { webEndpoint: ZOOM_CLOUD.webEndpoint }),
    customize: {
      video: { isResizable: true, viewSizes: { default: viewSize() } },
    },
  };
  const result = loadSdk()
    .then((client) => client.init(options))
    .then((): JoinResult => ({ ok: true }), toFailure);
  initialised = { language, result };
  void result.then((outcome) => {
    if (!outcome.ok) initialised = undefined;
  });
  return result;
}

let joined = false;

export async function join(params: JoinParams): Promise<JoinResult> {
  enterJoin();
  const prepared = await prepare(params.language);
  if (!prepared.ok) return prepared;
  const client = await loadSdk();
  try {
    await client.join({
      signature: params.signature,
      meetingNumber: params.meetingNumber,
      password: params.passcode,
      userName: params.userName,
      userEmail: params.userEmail,
      tk: params.tk,
      // Only the token there is: zak and obfToken are mutually exclusive for Zoom.
      ...(params.obfToken ? { obfToken: params.obfToken } : params.zak ? { zak: params.zak } : {}),
    });
  } catch (error) {
    return toFailure(error);
  }
  joined = true;
  return { ok: true };
}

/** Tells the page when a joined meeting closes (the user left, or the host ended it). */
export function reportLeaving(): void {
  void loadSdk().then((client) =>
    client.on('connection-change', (payload: { state?: unknown }) => {
      if (!joined || payload.state !== 'Closed') return;
      joined = false;
      window.parent.postMessage({ type: LEFT_MEETING_MESSAGE }, location.origin);
    }),
  );
}

/** The embedded client's leave: its connection closes, which reportLeaving() tells the page. */
export async function leave(): Promise<void> {
  if (joined) await (await loadSdk()).leaveMeeting();
}

export async function mute(muted: boolean): Promise<void> {
  if (joined) await (await loadSdk()).mute(muted);
}

/** The SDK is downloaded, evaluated and its client created. */
export async function ready(): Promise<void> {
  await loadSdk();
}

/** "Check this browser": the embedded SDK's checkSystemRequirements (audio, video, screen sharing). */
export async function check(): Promise<SdkCheck> {
  const [compatibility, assets] = await Promise.all([
    loadSdk().then((client) => client.checkSystemRequirements()),
    probeAssets(),
  ]);
  const features = Object.entries({
    audio: compatibility.audio,
    video: compatibility.video,
    'screen sharing': compatibility.screen,
  });
  return {
    supported: features.filter(([, works]) => works).map(([name]) => name),
    unsupported: features.filter(([, works]) => !works).map(([name]) => name),
    assets,
  };
}
