import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server serves the built app and the API from one origin; in development the proxy keeps it that way,
// so the client can always use relative URLs.
const apiServer = 'http://localhost:8080';
const proxy = {
  '/api': apiServer,
  '/healthz': apiServer,
  '/log': apiServer,
  '/ws': { target: apiServer, ws: true },
};

export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // three.js, fetched only when a 360° photo is opened, is one file of about 530 kB; every other file is far below.
    chunkSizeWarningLimit: 560,
    rolldownOptions: {
      output: {
        // Libraries change far less often than the app, so they get their own long-cached files.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, priority: 2 },
            // Only the 360° photo viewer uses three.js, and it is loaded on demand: three must not join `vendor`,
            // which every page loads.
            { name: 'three', test: /node_modules[\\/]three[\\/]/, priority: 3 },
            { name: 'vendor', test: /node_modules/, priority: 1 },
          ],
        },
      },
    },
  },
});
