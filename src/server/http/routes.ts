import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { parseRoomId } from '../../shared/schemas.js';
import { freshRoomName } from './roomNames.js';

const oneYear = 365 * 24 * 60 * 60 * 1000;

/** `/` makes a fresh room; `/<room>` serves the room page; anything else gets the not-found page. */
export function createRoutes(clientDir: string, roomAsked: (roomId: string) => void = () => undefined): Router {
  const roomPage = path.join(clientDir, 'index.html');
  const notFoundPage = path.join(clientDir, 'not-found.html');
  for (const file of [roomPage, notFoundPage]) {
    if (!existsSync(file))
      throw new Error(`the room page is not built (${path.basename(file)} missing): run npm run build`);
  }

  const router = express.Router({ caseSensitive: true, strict: false });

  // Vite names every asset by its content hash, so it can be cached for good. The build also wrote Brotli
  // and gzip copies beside each script and stylesheet: sent to browsers that accept them (Vary says so).
  router.use(
    '/assets',
    expressStaticGzip(path.join(clientDir, 'assets'), {
      enableBrotli: true,
      orderPreference: ['br', 'gz'],
      index: false,
      serveStatic: { immutable: true, maxAge: oneYear, index: false },
    }),
  );
  router.use(express.static(clientDir, { index: false, maxAge: '1h', extensions: [] }));

  router.get('/', (_request, response) => {
    response.set('Cache-Control', 'no-store').redirect(302, `/${freshRoomName()}`);
  });

  router.get('/:room', (request, response, next) => {
    const requested = request.params.room;
    const roomId = parseRoomId(requested);
    if (!roomId) {
      next();
      return;
    }
    if (roomId !== requested) {
      response.redirect(308, `/${roomId}`);
      return;
    }
    roomAsked(roomId);
    response.set('Cache-Control', 'no-cache').sendFile(roomPage);
  });

  router.use((_request, response) => {
    response.status(404).set('Cache-Control', 'no-cache').sendFile(notFoundPage);
  });

  return router;
}
