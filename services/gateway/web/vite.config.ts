import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into dist/ and served by the gateway at /wall, /inbox and /manager (one page app).
export default defineConfig({
  plugins: [react()],
  // The shared schemas from their sources, so that the pages never depend on a previous tsc build.
  resolve: {
    alias: { '@stuurwiel/schemas': fileURLToPath(new URL('../../../schemas/src/index.ts', import.meta.url)) },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: {
    // `npm run dev -w @stuurwiel/web` against a gateway on :8080.
    proxy: { '/api': 'http://localhost:8080', '/socket.io': { target: 'http://localhost:8080', ws: true } },
  },
});
