import type { Language } from './languages.ts';

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
export const FRAME_URLS: Record<MeetingView, string> = {
  client: '/meeting.html',
  component: '/meeting-component.html',
};

/**
 * `kind` is component view's failure `type` (e.g. INVALID_PARAMETERS), absent in client view: the same code can
 * mean a refusal by Zoom or a check in the SDK itself.
 */
export type JoinResult = { ok: true } | { ok: false; code: number; message: string; kind?: string };

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
