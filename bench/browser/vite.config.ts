import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'bench/browser',
  base: './',
  publicDir: '../../public',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: '../../bench-output/browser',
    emptyOutDir: true,
    chunkSizeWarningLimit: 5000,
    target: 'es2022',
    // The bench page and the app itself (app.html), at the same origin.
    rollupOptions: { input: { index: 'bench/browser/index.html', app: 'bench/browser/app.html' } },
  },
  worker: { format: 'es' },
  define: { __APP_VERSION__: '"bench"' },
});
