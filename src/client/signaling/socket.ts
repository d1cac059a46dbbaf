import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events.js';

export type SignalingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** socket.io over WebSocket first; long-polling only if a proxy refuses WebSocket. */
export function connectSignaling(): SignalingSocket {
  return io({
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnectionDelay: 250,
    reconnectionDelayMax: 2000,
  });
}
