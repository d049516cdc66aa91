/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Another signature endpoint (your own backend); defaults to this site's /api/signature. */
  readonly VITE_SIGNATURE_URL?: string;
}
