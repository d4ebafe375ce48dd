import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served from the app's custom scheme under Electron and from
// localhost in web mode, so every asset URL is relative.
export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: '../public',
  plugins: [react()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    target: 'es2022',
  },
  worker: { format: 'es' },
  preview: { host: '127.0.0.1' },
  define: { __APP_VERSION__: JSON.stringify(process.env.npm_package_version ?? '0.1.0') },
});
