import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: path.join(root, 'src/client'),
  publicDir: path.join(root, 'src/client/public'),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: {
    // peerjs only needs to know which browser this is: see src/client/mesh/browserDetails.ts.
    alias: { 'webrtc-adapter': path.join(root, 'src/client/mesh/browserDetails.ts') },
  },
  build: {
    outDir: path.join(root, 'dist/client'),
    emptyOutDir: true,
    target: 'es2022',
    // The CSP allows no inline script, so no inline preload polyfill either.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        room: path.join(root, 'src/client/index.html'),
        notFound: path.join(root, 'src/client/not-found.html'),
      },
    },
  },
});
