import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server serves the built app and the API from one origin; in development the proxy keeps it that way,
// so the client can always use relative URLs.
const apiServer = 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': apiServer,
      '/healthz': apiServer,
    },
  },
  preview: {
    proxy: {
      '/api': apiServer,
      '/healthz': apiServer,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});
