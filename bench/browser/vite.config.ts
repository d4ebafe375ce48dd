import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'bench/browser',
  base: './',
  publicDir: '../../public',
  plugins: [react()],
  logLevel: 'warn',
  build: { outDir: '../../bench-output/browser', emptyOutDir: true, chunkSizeWarningLimit: 5000, target: 'es2022' },
  worker: { format: 'es' },
  define: { __APP_VERSION__: '"bench"' },
});
