import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The API server (src/server.ts) listens on 8080 in development; the dev server forwards every
// server-owned path to it so the app runs same-origin with the session cookie.
const server = 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      // Keep the browser's Host header: the server refuses writes whose Origin host differs
      // from Host (its cross-site request guard), so changeOrigin must stay off.
      '/api': { target: server, changeOrigin: false },
      '/healthz': { target: server },
      '/docs': { target: server },
      '/openapi.json': { target: server },
    },
  },
});
