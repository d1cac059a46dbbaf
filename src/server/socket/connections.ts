import type { IncomingMessage } from 'node:http';
import type { ChatMessage } from '../../shared/events.js';
import { roomIdSchema } from '../../shared/schemas.js';
import type { ChatLog } from '../chat/chatLog.js';
import { registerChatHandlers } from '../chat/handlers.js';
import { ConnectionRates } from '../limits/rates.js';
import { registerRoomHandlers } from '../rooms/handlers.js';
import type { RoomDeps } from '../rooms/rooms.js';
import { guardEvents, replier, type ParleyServer } from './reply.js';

export interface ConnectionDeps {
  clientAddress: (request: IncomingMessage) => string;
  rooms: RoomDeps;
  /** The chat log itself (rooms only read its history). */
  chat: ChatLog;
  /** Keeps a new chat message beyond this node (a cluster's Redis). */
  kept?: (roomId: string, message: ChatMessage) => Promise<void>;
}

/**
 * Every socket.io connection: who it comes from and which room it was opened for, its own allowances, and
 * the handlers of the protocol. Per-connection state is only the socket and its allowances; everything
 * else is shared by all connections (`rooms`).
 */
export function acceptConnections(io: ParleyServer, { clientAddress, rooms, chat, kept }: ConnectionDeps): void {
  const { roster, allowances, metrics, now, log } = rooms;
  io.on('connection', (socket) => {
    socket.data.address = clientAddress(socket.request);
    // The room this connection was opened for (Parley's page says; the seed's does not).
    const room = roomIdSchema.safeParse(socket.handshake.query.room);
    socket.data.roomId = room.success ? room.data : undefined;
    socket.data.lastHeard = now();
    socket.conn.on('packet', () => {
      socket.data.lastHeard = now();
    });
    // Nothing needs the upgrade request after this: letting it go saves memory on every connection
    // (socket.io's own advice; its handshake copes without it).
    (socket.conn as unknown as { request: unknown }).request = null;
    const rates = new ConnectionRates(now);
    const reply = replier(socket, rates, metrics, log);
    guardEvents(socket, rates, reply, () => {
      const member = roster.memberOf(socket.id);
      return member && allowances.person(member);
    });
    registerChatHandlers(socket, { roster, chat, allowances, now, ...(kept ? { kept } : {}) }, reply);
    registerRoomHandlers(socket, rooms, reply);
  });
}
