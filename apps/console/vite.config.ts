import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const contracts = fileURLToPath(new URL('../../packages/contracts/src/index.ts', import.meta.url));
const api = { '/api': { target: 'http://localhost:3000', changeOrigin: true } };

/** The staff console, served by the platform under /console/ (apps/server/src/http/static-app.ts). */
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  resolve: {
    alias: { '@yss/contracts': contracts },
    // antd and react-router resolve `react` from the workspace root; force the app's React 19.
    dedupe: ['react', 'react-dom'],
  },
  server: { proxy: api },
  preview: { proxy: api },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    // antd is one chunk a desktop console can afford; no per-page splitting needed for three pages
    chunkSizeWarningLimit: 1500,
  },
});
