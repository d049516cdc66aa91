import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  publicDir: false,
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    rollupOptions: {
      // The form page, and the frame that runs the Meeting SDK (the only page that imports it).
      input: {
        main: resolve(import.meta.dirname, 'web/index.html'),
        meeting: resolve(import.meta.dirname, 'web/meeting.html'),
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
  },
  // Pre-bundle the SDK so its first lazy import does not trigger a dependency re-optimisation and reload.
  optimizeDeps: {
    include: ['@zoom/meetingsdk', 'zod/mini'],
  },
});
