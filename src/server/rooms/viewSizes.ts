import { fail, ok } from '../../shared/errors.js';
import { viewSizeSchema } from '../../shared/schemas.js';
import { handle } from '../socket/contract.js';
import type { ParleySocket, Reply } from '../socket/reply.js';
import type { RoomDeps } from './rooms.js';

/**
 * `view-size`: a receiver tells one sender how large it shows their video, so the sender's budget follows
 * (src/client/quality). Relayed to that one participant, and only within the sender's own room; the
 * server names who it is from. Nothing is kept.
 */
export function registerViewSizeHandler(socket: ParleySocket, deps: RoomDeps, reply: Reply): void {
  handle(socket, reply, 'view-size', (args) => {
    const report = viewSizeSchema.safeParse(args[0]);
    if (!report.success) return fail('invalid-payload', 'a view size is { to: peerId, width, height } in pixels');
    const member = deps.roster.memberOf(socket.id);
    if (!member) return fail('not-joined', 'join a room first');
    const { to, width, height } = report.data;
    const target = deps.roster.memberByPeerId(to);
    if (!target || target.roomId !== member.roomId || target.peerId === member.peerId) {
      return fail('not-in-room', 'that participant is not in your room');
    }
    deps.io.to(target.connectionId).emit('view-size', { from: member.peerId, width, height });
    return ok(null);
  });
}
