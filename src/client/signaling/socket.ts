import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events.js';

export type SignalingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * socket.io over WebSocket first; long-polling only if a proxy refuses WebSocket. After a lost connection
 * it tries again within 0.4 s, then at most 1 s apart (socket.io's jittered backoff), and gives up on an
 * attempt that gets no answer within 5 s. The room rides on the connection from its first request, so a
 * proxy in front of several servers can send it where the room lives.
 */
export function connectSignaling(roomId: string): SignalingSocket {
  return io({
    query: { room: roomId },
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnectionDelay: 250,
    reconnectionDelayMax: 1000,
    timeout: 5000,
  });
}
