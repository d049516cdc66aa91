/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Another signature endpoint (your own backend); defaults to this site's /api/signature. */
  readonly VITE_SIGNATURE_URL?: string;
  /** `self`: the SDK's media files are served by this site (scripts/self-hosted-zoom-assets.ts), not source.zoom.us. */
  readonly VITE_ZOOM_ASSETS?: string;
}
