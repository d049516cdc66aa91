/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Another signature endpoint (your own backend); defaults to this site's /api/signature. */
  readonly VITE_SIGNATURE_URL?: string;
  /** Where the SDK's media files come from: unset (the cloud's CDN), `self` (this site), `china` (lib/zoom-cloud.ts). */
  readonly VITE_ZOOM_ASSETS?: string;
  /** `zoom.us` (default) or `www.zoomgov.com` (Zoom for Government): where joins go (lib/zoom-cloud.ts). */
  readonly VITE_ZOOM_WEB_ENDPOINT?: string;
  /** Seconds a join may go without anything arriving from Zoom (lib/join-deadline.ts). */
  readonly VITE_JOIN_TIMEOUT_SECONDS?: string;
  /** Seconds the page waits for the host (or for Zoom), trying again by itself; 0: never (lib/max-wait.ts). */
  readonly VITE_MAX_WAIT_SECONDS?: string;
}
