import type { Server, Socket } from 'node:net';
import { AddressCounter } from '../limits/addressCounter.js';

export interface ConnectionCapOptions {
  /** TCP connections one address may hold at once, requests or not (0: no cap). */
  cap: number;
  /** The address key a connection counts against, or undefined when it comes from a trusted proxy. */
  keyOf: (socket: Socket) => string | undefined;
}

/**
 * Caps the TCP connections one client address holds, before a byte of HTTP is read: a connection beyond the
 * cap is destroyed at once. Upgrades and socket.io sessions are counted on their own as well
 * (MAX_CONNECTIONS_PER_IP); this counts everything, silent connections included, which nothing else sees.
 * A trusted proxy's connections are not counted here: they carry many clients, and the proxy limits its own.
 */
export function capConnections(server: Server, options: ConnectionCapOptions): { detach: () => void } {
  const counter = new AddressCounter(options.cap);
  const onConnection = (socket: Socket): void => {
    const key = options.keyOf(socket);
    if (key === undefined) return;
    if (!counter.hasRoom(key)) {
      socket.destroy();
      return;
    }
    counter.opened(key);
    socket.once('close', () => counter.closed(key));
  };
  if (options.cap > 0) server.on('connection', onConnection);
  return { detach: () => server.off('connection', onConnection) };
}
