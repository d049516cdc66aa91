import { resolve } from 'node:path';
import { defineConfig, loadEnv } from 'vite';
import { documentHeaders } from './vite-plugins/document-headers-plugin.ts';
import { embedScript } from './vite-plugins/embed-script.ts';
import { selfHostedZoomAssets } from './vite-plugins/self-hosted-zoom-assets.ts';
import { parseSetting, SETTINGS, settingProblems } from './lib/settings.ts';
import { zoomCloud } from './lib/zoom-cloud.ts';

export default defineConfig(({ mode }) => {
  // EMBED_ORIGINS too: not inlined into any page (Vite inlines VITE_* only), read for the headers.
  const env = loadEnv(mode, process.cwd(), ['VITE_', SETTINGS.EMBED_ORIGINS.name]);
  // Every build setting is read through lib/settings.ts: a value it does not accept stops the build here, naming
  // the variable, instead of shipping a page that quietly uses something else.
  const problems = settingProblems(env, 'build');
  if (problems.length > 0) throw new Error(problems.join('\n'));
  // Zoom's cloud (VITE_ZOOM_WEB_ENDPOINT) and where the SDK's files come from (VITE_ZOOM_ASSETS).
  const settings = zoomCloud({ webEndpoint: env.VITE_ZOOM_WEB_ENDPOINT, assets: env.VITE_ZOOM_ASSETS });
  if (!settings.ok) throw new Error(settings.message);
  const { cloud } = settings;
  const embedOrigins = parseSetting(SETTINGS.EMBED_ORIGINS, env.EMBED_ORIGINS);
  return {
    root: 'web',
    plugins: [
      selfHostedZoomAssets(cloud.assets === 'self'),
      // Every header of the site (vite-plugins/document-headers.ts), the CSP following the build's settings (signer
      // origin, Zoom cloud, asset host): dist/_headers, and dev/preview; the form page preconnects to the hosts this
      // build's meeting will use.
      documentHeaders({
        signerUrl: env.VITE_SIGNATURE_URL,
        cloud,
        embedOrigins: embedOrigins.ok ? embedOrigins.value : [],
      }),
      // /embed.js and /embed.mjs, for other sites (docs/embed.md).
      embedScript(),
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
          // What other sites frame with /embed.js: the same join flow, reporting to them (web/src/embed-frame/).
          embed: resolve(import.meta.dirname, 'web/embed.html'),
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
