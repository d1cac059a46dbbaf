import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { roomIdSchema } from '../../shared/schemas.js';
import type { Logger } from '../log.js';
import type { RoomHome } from './home.js';

/** Set on an upgrade one node forwards to another: it is never forwarded again (no loops). */
const forwardedHeader = 'x-parley-forwarded-by';

/** The room an upgrade names: socket.io's `?room=`, the PeerJS socket's `?key=`. Validated: it comes from anyone. */
export function roomOfUpgrade(request: IncomingMessage): string | undefined {
  const query = new URL(request.url ?? '/', 'http://node').searchParams;
  const room = roomIdSchema.safeParse(query.get('room') ?? query.get('key'));
  return room.success ? room.data : undefined;
}

/**
 * Sends an upgrade for a room that another node holds (it moved there, and stays while it lives) to that
 * node, and pipes the two sockets together: the client is served by the room's node although the proxy
 * sent it here. Anything else, and any upgrade whose forwarding fails before it began, goes on here
 * (`proceed`), where the room is claimed as usual (its holder died: it is taken over).
 */
export function divertToOwner(
  home: () => RoomHome,
  node: string,
  log: Logger,
): (request: IncomingMessage, socket: Duplex, head: Buffer, proceed: () => void) => void {
  return (request, socket, head, proceed) => {
    const roomId = roomOfUpgrade(request);
    if (roomId === undefined || home().isHere(roomId) || request.headers[forwardedHeader] !== undefined) {
      return proceed();
    }
    socket.on('error', () => undefined);
    void home()
      .forwardTo(roomId)
      .then((target) => {
        if (socket.destroyed) return;
        if (target === undefined || !target.startsWith('http://')) return proceed();
        forward(request, socket, head, new URL(target), node, proceed);
        log.debug({ roomId, target }, 'connection forwarded to the room’s node');
      });
  };
}

function forward(
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  target: URL,
  node: string,
  fallBack: () => void,
): void {
  const upstream = net.connect(Number(target.port || 80), target.hostname);
  let piped = false;
  upstream.once('connect', () => {
    piped = true;
    const lines = [`${request.method ?? 'GET'} ${request.url ?? '/'} HTTP/1.1`];
    let forwardedFor = '';
    for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
      const [name = '', value = ''] = [request.rawHeaders[index], request.rawHeaders[index + 1]];
      if (name.toLowerCase() === 'x-forwarded-for') forwardedFor = forwardedFor ? `${forwardedFor}, ${value}` : value;
      else lines.push(`${name}: ${value}`);
    }
    // The room's node reads the client's address as this node would (it must trust this node as a proxy).
    const peer = request.socket.remoteAddress ?? '';
    lines.push(
      `X-Forwarded-For: ${forwardedFor ? `${forwardedFor}, ${peer}` : peer}`,
      `X-Parley-Forwarded-By: ${node}`,
    );
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    socket.pipe(upstream).pipe(socket);
  });
  upstream.on('error', () => {
    // Its node stopped answering this instant: the room is taken over here (or refused) as usual.
    if (!piped) fallBack();
    else socket.destroy();
  });
  upstream.once('close', () => socket.destroy());
  socket.once('close', () => upstream.destroy());
}
