import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// `npm run dev` talks to a running server (`npm run serve`) for the API and clinic assets.
const server = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      // We register /sw.js ourselves (src/lib/sw-registration.ts) and prompt before updating.
      injectRegister: false,
      registerType: 'prompt',
      // Each clinic has its own manifest, served by the server at /c/:clinic/manifest.webmanifest.
      manifest: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest}'],
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    target: 'es2022',
    // Every browser that can install the app supports modulepreload natively.
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/api': server,
      '^/c/[^/]+/(manifest\\.webmanifest|icons/.*)$': server,
    },
  },
});
