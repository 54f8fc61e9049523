import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The studio is served by `zordic serve` at "/", with an SPA fallback for /projects/{id}.
// Tone.js is only imported by the audio engine, which the studio page loads on demand: it ends up in
// one chunk, fetched once, and the projects page never pays for it.
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (id.includes('node_modules/tone/') || id.includes('node_modules/standardized-audio-context/') || id.includes('node_modules/automation-events/')) return 'tone';
          if (id.includes('node_modules/@microsoft/signalr/')) return 'signalr';
          if (id.includes('node_modules/react') || id.includes('node_modules/scheduler/') || id.includes('node_modules/zustand/')) return 'react';
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:5170',
      '/hubs': { target: 'http://127.0.0.1:5170', ws: true },
    },
  },
});
