import { resolve } from 'node:path';
import { defineConfig, loadEnv } from 'vite';
import { contentSecurityPolicy } from './scripts/content-security-policy.ts';
import { selfHostedZoomAssets } from './scripts/self-hosted-zoom-assets.ts';

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_');
  // VITE_ZOOM_ASSETS=self: the SDK's media files come from this site, not source.zoom.us (see README).
  const selfHostedAssets = env.VITE_ZOOM_ASSETS === 'self';
  return {
    root: 'web',
    plugins: [
      selfHostedZoomAssets(selfHostedAssets),
      // The documents' CSP follows the build's settings (signer origin, asset host): dist/_headers, and dev/preview.
      contentSecurityPolicy({ signerUrl: env.VITE_SIGNATURE_URL, selfHostedAssets }),
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
