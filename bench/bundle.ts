// bench:bundle: what the room page downloads, raw and gzipped, as the built page references it. Prints JSON.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const clientDir = path.resolve('dist/client');
const html = await readFile(path.join(clientDir, 'index.html'), 'utf8');
const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(js|css))"/g)].map((match) => ({
  file: match[1] ?? '',
  kind: match[2] ?? '',
}));

const sizes = await Promise.all(
  assets.map(async ({ file, kind }) => {
    const body = await readFile(path.join(clientDir, file));
    // What the server sends a browser that accepts Brotli: the copy the build wrote beside the file.
    const brotli = await stat(path.join(clientDir, `${file}.br`)).catch(() => undefined);
    return {
      file,
      kind,
      bytes: body.length,
      gzipBytes: gzipSync(body, { level: 9 }).length,
      servedBrotliBytes: brotli?.size ?? body.length,
    };
  }),
);
const total = (kind: string, key: 'bytes' | 'gzipBytes' | 'servedBrotliBytes') =>
  sizes.filter((entry) => entry.kind === kind).reduce((sum, entry) => sum + entry[key], 0);
const seedJsGzipKB = 76; // the seed's page: peerjs 1.2.0 + the unminified socket.io client (field notes)

console.log(
  JSON.stringify(
    {
      benchmark: 'bundle',
      description:
        'room page JavaScript and CSS referenced by index.html: raw, gzip level 9, and as sent to a browser that accepts Brotli',
      js: {
        bytes: total('js', 'bytes'),
        gzipBytes: total('js', 'gzipBytes'),
        servedBrotliBytes: total('js', 'servedBrotliBytes'),
      },
      css: {
        bytes: total('css', 'bytes'),
        gzipBytes: total('css', 'gzipBytes'),
        servedBrotliBytes: total('css', 'servedBrotliBytes'),
      },
      seedJsGzipKB,
      ratioToSeedJs: Number((total('js', 'gzipBytes') / 1024 / seedJsGzipKB).toFixed(2)),
      files: sizes,
    },
    null,
    2,
  ),
);
