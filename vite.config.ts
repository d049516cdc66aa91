import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  publicDir: false,
  build: {
    outDir: '../dist',
    emptyOutDir: true,
  },
  server: {
    port: 5173,
    strictPort: true,
  },
  // Pre-bundle the SDK so its first lazy import does not trigger a dependency re-optimisation and reload.
  optimizeDeps: {
    include: ['@zoom/meetingsdk', 'zod'],
  },
});
