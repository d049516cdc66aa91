import { resolve } from 'node:path';
import { defineConfig, loadEnv } from 'vite';
import { contentSecurityPolicy } from './scripts/content-security-policy.ts';
import { selfHostedZoomAssets } from './scripts/self-hosted-zoom-assets.ts';
import { zoomCloud } from './lib/zoom-cloud.ts';
import { joinTimeout } from './lib/join-deadline.ts';
import { maxWait } from './lib/max-wait.ts';

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_');
  // Zoom's cloud (VITE_ZOOM_WEB_ENDPOINT: zoom.us or Zoom for Government) and where the SDK's files come from
  // (VITE_ZOOM_ASSETS: the cloud's CDN, `self`, or `china`); a value the project does not know stops the build here.
  const settings = zoomCloud({ webEndpoint: env.VITE_ZOOM_WEB_ENDPOINT, assets: env.VITE_ZOOM_ASSETS });
  if (!settings.ok) throw new Error(settings.message);
  const timeout = joinTimeout(env.VITE_JOIN_TIMEOUT_SECONDS);
  if (!timeout.ok) throw new Error(timeout.message);
  const wait = maxWait(env.VITE_MAX_WAIT_SECONDS);
  if (!wait.ok) throw new Error(wait.message);
  const { cloud } = settings;
  return {
    root: 'web',
    plugins: [
      selfHostedZoomAssets(cloud.assets === 'self'),
      // The documents' CSP follows the build's settings (signer origin, Zoom cloud, asset host): dist/_headers, and
      // dev/preview; the form page preconnects to the hosts this build's meeting will use.
      contentSecurityPolicy({ signerUrl: env.VITE_SIGNATURE_URL, cloud }),
    ],
    publicDir: false,
    build: {
      outDir: '../dist',
      emptyOutDir: true,
      rollupOptions: {
        // The form page, and the frames that run the Meeting SDK (the only pages that import it): client view
        // (ZoomMtg, the whole window) and component view (ZoomMtgEmbedded, inside a region of the page).
        input: {
          main: resolve(import.meta.dirname, 'web/index.html'),
          meeting: resolve(import.meta.dirname, 'web/meeting.html'),
          'meeting-component': resolve(import.meta.dirname, 'web/meeting-component.html'),
        },
      },
    },
    server: {
      port: 5173,
      strictPort: true,
    },
    // Pre-bundle the SDK so its first lazy import does not trigger a dependency re-optimisation and reload.
    optimizeDeps: {
      include: ['@zoom/meetingsdk', '@zoom/meetingsdk/embedded', 'zod/mini'],
    },
  };
});
