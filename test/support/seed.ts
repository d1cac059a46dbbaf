import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { openPage, type Participant } from './browser.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The seed tutorial's page (views/index.ejs), its scripts at the given addresses: the seed loaded peerjs
 * from a CDN and socket.io's client from its own server.
 */
export const seedPage = (roomId: string, scripts: { peerjs: string; socketIo: string; app: string }) => `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <script>const ROOM_ID = ${JSON.stringify(roomId)};</script>
    <script defer src="${scripts.peerjs}"></script>
    <script defer src="${scripts.socketIo}"></script>
    <script defer src="${scripts.app}"></script>
    <title>Document</title>
    <style>
      #video-grid { display: grid; grid-template-columns: repeat(auto-fill, 300px); grid-auto-rows: 300px; }
      video { width: 100%; height: 100%; object-fit: cover; }
    </style>
  </head>
  <body><div id="video-grid"></div></body>
</html>`;

const assets: Record<string, string> = {
  'peerjs.min.js': 'node_modules/peerjs/dist/peerjs.min.js',
  'socket.io.min.js': 'node_modules/socket.io-client/dist/socket.io.min.js',
  'script.js': 'test/fixtures/seed-script.js',
};

/**
 * Opens a seed-protocol client on Parley's own origin: the page and its scripts are served by the test
 * (Parley has no such page), everything else (socket.io, /peerjs) is the real server.
 */
export async function joinAsSeedClient(browser: Browser, serverUrl: string, roomId: string): Promise<Participant> {
  const participant = await openPage(browser, 'about:blank');
  await participant.page.route(`${serverUrl}/seed-client/**`, async (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop() ?? '';
    const asset = assets[name];
    if (asset) {
      await route.fulfill({ contentType: 'text/javascript', body: await readFile(path.join(root, asset), 'utf8') });
    } else {
      await route.fulfill({
        contentType: 'text/html',
        body: seedPage(roomId, {
          peerjs: '/seed-client/peerjs.min.js',
          socketIo: '/seed-client/socket.io.min.js',
          app: '/seed-client/script.js',
        }),
      });
    }
  });
  await participant.page.goto(`${serverUrl}/seed-client/${roomId}`);
  return participant;
}

/** The seed page's remote videos: every video in the grid but its own preview (the first one). */
export const seedRemoteVideos = '#video-grid video:not(:first-child)';
