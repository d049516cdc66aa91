import type { Language } from './languages.ts';
import { FRAME_REQUIRE_CORP_PREFIX, type EmbedderPolicy } from '../../../lib/isolation.ts';

/** What the form page hands to the meeting frame. */
export interface JoinParams {
  signature: string;
  meetingNumber: string;
  passcode: string;
  userName: string;
  userEmail: string;
  tk: string;
  /** The host's ZAK (starting as host, or joining as a signed-in user). */
  zak?: string;
  /** An OBF token for another account's meeting; Zoom refuses it together with a ZAK. */
  obfToken?: string;
  language: Language;
}

/**
 * The two ways Zoom shows a meeting: client view (`ZoomMtg`, the whole window) and component view
 * (`ZoomMtgEmbedded`, inside a region of the page). Each runs in its own same-origin frame document.
 */
export type MeetingView = 'client' | 'component';

/** The frame document of each view (Vite entries in vite.config.ts). */
const FRAME_PATHS: Record<MeetingView, string> = {
  client: '/meeting.html',
  component: '/meeting-component.html',
};

/** The frame of `view`, at the path whose Cross-Origin-Embedder-Policy this browser can isolate with (lib/isolation.ts). */
export function frameUrl(view: MeetingView, policy: EmbedderPolicy): string {
  return policy === 'require-corp' ? `${FRAME_REQUIRE_CORP_PREFIX}${FRAME_PATHS[view]}` : FRAME_PATHS[view];
}

/**
 * `kind` is component view's failure `type` (e.g. INVALID_PARAMETERS), absent in client view: the same code can
 * mean a refusal by Zoom or a check in the SDK itself.
 */
export type JoinResult =
  | { ok: true }
  | {
      ok: false;
      code: number;
      message: string;
      kind?: string;
      /** The errorCode of Zoom's own refusal of the join request, when the SDK reported something less precise. */
      zoomCode?: number;
      /** Set when the page ended the attempt because Zoom left it unanswered this long (page/join-deadline.ts). */
      unansweredSeconds?: number;
    };

/**
 * Where a join stands in the frame: the SDK's bundle (from this site) loading and evaluating, the SDK fetching its
 * files from Zoom's CDN (until it sends the join request), the join request sent to Zoom (wc/info), and Zoom's answer
 * received. The page's deadline counts the middle two only: a slow computer is not Zoom unreachable, and after Zoom's
 * answer any wait (waiting room, waiting for the host) is Zoom's decision.
 */
export type JoinStage = 'sdk' | 'zoom-files' | 'zoom-answer' | 'zoom-answered';

/** The stage, and how long nothing has arrived in the frame since the join began (a slow network still delivers). */
export interface JoinProgress {
  stage: JoinStage;
  quietMs: number;
  /** The errorCode of Zoom's refusal of this join, once answered (undefined: not answered, or not refused). */
  zoomRefusal?: number;
}

/** What the frame's SDK says about this browser ("Check this browser"), and whether the SDK's own files load. */
export interface SdkCheck {
  /** Features the SDK reports as working / not working here, in its own words. */
  supported: string[];
  unsupported: string[];
  /** The browser and platform, as the SDK names them (client view only). */
  platform?: string;
  assets: { url: string; reachable: boolean; detail: string };
}

/** The meeting frame's API, set on its window (same origin, so the page calls it directly). */
export interface MeetingFrameApi {
  /** Resolves once the SDK is downloaded, evaluated and prepared (what prefetching buys). */
  ready(): Promise<void>;
  /** Loads the UI language and initialises the SDK; needs no signature. Idempotent. */
  prepare(language: Language): Promise<JoinResult>;
  /** Prepares if needed, then joins. */
  join(params: JoinParams): Promise<JoinResult>;
  /** The SDK's own browser check (client view: checkFeatureRequirements; component view: checkSystemRequirements). */
  check(): Promise<SdkCheck>;
  progress(): JoinProgress;
  /** Whether the signer answers at all, CORS or not (the require-corp form page cannot tell: frame/probe-assets.ts). */
  signerReachable(): Promise<boolean>;
  /** Leaves the joined meeting (the leave is then reported as for the SDK's own button). */
  leave(): Promise<void>;
  /** Mutes or unmutes this attendee's microphone. */
  mute(muted: boolean): Promise<void>;
}

/** The SDK sends the frame to `meeting.html?left` when the user leaves (a query, so the frame really reloads). */
export const LEFT_MEETING_PARAM = 'left';
export const LEFT_MEETING_MESSAGE = 'zoom-meeting-left';
/** Posted to the page once `window.meetingFrame` is set. */
export const FRAME_READY_MESSAGE = 'zoom-meeting-frame-ready';

declare global {
  interface Window {
    meetingFrame?: MeetingFrameApi;
  }
}
