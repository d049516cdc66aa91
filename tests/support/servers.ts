/** Test-only credentials: the function signs with these, the tests verify with them. */
export const E2E_KEY = 'e2eClientId0123456789';
export const E2E_SECRET = 'e2e-client-secret-not-a-real-one-0123456789';

/** The site's session key in e2e (SESSION_SECRET), and the loopback fake of Zoom's OAuth and REST API. */
export const E2E_SESSION_SECRET = 'e2e-session-secret-not-a-real-one-0123456789';

export const PORTS = {
  signer: 8888,
  unconfigured: 8890,
  /** A build whose VITE_SIGNATURE_URL points at another backend (tests/e2e/external-signer.ts, or signers/ruby). */
  byoPage: 4180,
  /** One signer at a time listens here: tests that start one carry HOLDS_SIGNER_PORT. */
  externalSigner: 8897,
  /** A Zoom for Government build (VITE_ZOOM_WEB_ENDPOINT=www.zoomgov.com) signing through the external signer. */
  zfgPage: 4181,
  /** `vite` (the dev server `npm run dev` proxies), to check the page works under its CSP in development too. */
  viteDev: 5175,
  /** A build whose join deadline and wait for the host are short, signing through the external signer. */
  shortDeadlinePage: 4182,
  /** tests/fake-zoom/server.ts, started by the tests; the signer site's ZOOM_OAUTH_BASE_URL/ZOOM_API_BASE_URL. */
  fakeZoom: 8899,
  /** Another site embedding this one (tests/support/embedding-site.ts): listed in the signer site's EMBED_ORIGINS. */
  embedder: 4183,
  /** The same embedding pages on a site that is not listed. */
  unlistedEmbedder: 4184,
} as const;

/** The signer site's EMBED_ORIGINS. */
export const EMBEDDER_ORIGIN = `http://127.0.0.1:${PORTS.embedder}`;

export const FAKE_ZOOM_URL = `http://127.0.0.1:${PORTS.fakeZoom}`;
/** As registered for the app in the (fake) Marketplace. */
export const E2E_REDIRECT_URI = `http://localhost:${PORTS.signer}/api/auth/callback`;

/**
 * The tag of tests that start a signer on PORTS.externalSigner (the builds above post there, so the port is fixed):
 * playwright.config.ts runs them all in one lane, one at a time, beside the lane of the rest.
 */
export const HOLDS_SIGNER_PORT = { tag: '@signer-port' };

export const BYO_PAGE_URL = `http://localhost:${PORTS.byoPage}`;
/** Where the BYO build posts: the path of this project's signer, as the servers in signers/ serve it too. */
export const EXTERNAL_SIGNER_URL = `http://127.0.0.1:${PORTS.externalSigner}/api/signature`;

export const SHORT_DEADLINE_PAGE_URL = `http://localhost:${PORTS.shortDeadlinePage}`;
/** That build's deadline: long enough for a loaded machine's SDK, short enough for nine hanging joins per run. */
export const SHORT_DEADLINE_SECONDS = 8;
/** That build's maximum wait for the host (VITE_MAX_WAIT_SECONDS, the least it accepts): tries at 0, 10 and 20 s. */
export const SHORT_MAX_WAIT_SECONDS = 30;
export const ZFG_PAGE_URL = `http://localhost:${PORTS.zfgPage}`;
export const UNCONFIGURED_URL = `http://localhost:${PORTS.unconfigured}`;
export const VITE_DEV_URL = `http://localhost:${PORTS.viteDev}`;

/**
 * `netlify serve`: what a deploy runs. It builds the site (`npm run build`), bundles the functions as a deploy does,
 * and serves both with netlify.toml's headers, offline.
 *
 * Built once before it, too: netlify-cli reads the publish folder's _headers (our documents' CSP) when it loads the
 * config, before its own build, and never again. On a fresh clone, with no dist/ yet, `netlify serve` alone serves
 * every page without its policy (CI's clean clones did; a working copy hid it behind the previous run's dist/).
 */
export function netlifyServeCommand(port: number): string {
  return `npm run build --silent && npx netlify serve --offline --internal-disable-edge-functions --port ${port}`;
}

/**
 * A second site of the same build, with its own environment: `netlify serve` of the first site's dist/ and
 * build/functions, without building again (tests/support/prebuilt-site.ts says why). Start it after the first.
 */
export function prebuiltSiteCommand(port: number): string {
  return `npx tsx tests/support/prebuilt-site.ts ${port}`;
}

/** `netlify dev` running the functions from source and serving the production build (dist/) through `vite preview` (bench). */
export function netlifyDevCommand(port: number, previewPort: number): string {
  return (
    `npx netlify dev --offline --internal-disable-edge-functions --port ${port} ` +
    `--framework '#custom' --command "vite preview --port ${previewPort} --strictPort" --target-port ${previewPort}`
  );
}

/** netlify dev serves the page before it has loaded the functions; until then the route 404s. */
export async function waitForSignatureFunction(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`http://localhost:${port}/api/signature`, { method: 'POST' }).catch(() => null);
    if (res && res.status !== 404) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}
