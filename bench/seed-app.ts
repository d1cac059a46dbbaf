// The seed tutorial's server, as its bin/www and routes/index.js wrote it, for baseline measurements only.
// Two changes it needs to run at all: socket.io 4 has no `.broadcast` after `.to()`, and its Peer connects
// to this server's /peerjs instead of PeerJS's public cloud (see test/fixtures/seed-script.js).
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { ExpressPeerServer } from 'peer';
import { Server } from 'socket.io';
import { seedPage } from '../test/support/seed.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function startSeedApp(): Promise<{ url: string; close(): void }> {
  const app = express();
  const server = createServer(app);
  const io = new Server(server);
  io.on('connection', (socket) => {
    socket.on('join-room', (roomId: string, userId: string) => {
      void socket.join(roomId);
      socket.to(roomId).emit('user-connected', userId);
      socket.on('disconnect', () => {
        socket.to(roomId).emit('user-disconnected', userId);
      });
    });
  });
  app.use('/peerjs', ExpressPeerServer(server, { path: '/' }));
  const scripts: Record<string, string> = {
    'peerjs.min.js': 'node_modules/peerjs/dist/peerjs.min.js',
    'script.js': 'test/fixtures/seed-script.js',
  };
  app.get('/javascripts/:file', async (request, response) => {
    const file = scripts[request.params.file];
    if (!file) return void response.sendStatus(404);
    response.type('text/javascript').send(await readFile(path.join(root, file), 'utf8'));
  });
  app.get('/', (_request, response) => response.redirect(`/${randomUUID()}`));
  app.get('/:room', (request, response) =>
    response.type('html').send(
      seedPage(request.params.room, {
        peerjs: '/javascripts/peerjs.min.js',
        socketIo: '/socket.io/socket.io.js',
        app: '/javascripts/script.js',
      }),
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      io.close();
      server.closeAllConnections();
      server.close();
    },
  };
}
