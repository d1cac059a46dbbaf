import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * main.tsx imports the interface (ui/mount.tsx) dynamically, so that it is evaluated after the connections
 * are asked for; the room page preloads that chunk so it downloads beside the entry, not after it.
 */
function preloadInterface(): Plugin {
  return {
    name: 'parley:preload-interface',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        if (!context.filename.endsWith('index.html') || !context.bundle) return [];
        const chunk = Object.values(context.bundle).find(
          (item) => item.type === 'chunk' && item.facadeModuleId?.endsWith('/ui/mount.tsx'),
        );
        if (!chunk) throw new Error('the interface chunk (ui/mount.tsx) is missing from the build');
        return [
          {
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${chunk.fileName}` },
            injectTo: 'head',
          },
        ];
      },
    },
  };
}

export default defineConfig({
  plugins: [
    preloadInterface(),
    // Brotli and gzip copies of the scripts and styles, made once at build time and served to browsers that
    // accept them (src/server/http/routes.ts): a third of the bytes over a phone's network, no CPU per request.
    compression({ include: /\.(js|css)$/, algorithms: ['brotliCompress', 'gzip'], skipIfLargerOrEqual: true }),
  ],
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
