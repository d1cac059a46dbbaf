import { fail, ok, type Result } from '../../shared/errors.js';
import type { ChatMessage } from '../../shared/events.js';
import { chatDraftSchema, chatTextSchema } from '../../shared/schemas.js';
import type { Allowances } from '../limits/allowances.js';
import type { Roster } from '../rooms/roster.js';
import { handle } from '../socket/contract.js';
import type { ParleySocket, Reply } from '../socket/reply.js';
import type { ChatLog } from './chatLog.js';

export interface ChatDeps {
  roster: Roster;
  chat: ChatLog;
  allowances: Allowances;
  now: () => number;
  /** Keeps a new message beyond this node (a cluster's Redis); the sender's ack waits for it. */
  kept?: (roomId: string, message: ChatMessage) => Promise<void>;
}

/**
 * Chat over socket.io: the server stamps the sender and the time, keeps the room's recent history, and
 * acknowledges every message so the sender knows whether it was posted. Allowances follow the person (kept
 * across a resumed connection) and their network, not only the connection.
 */
export function registerChatHandlers(socket: ParleySocket, deps: ChatDeps, reply: Reply): void {
  handle(socket, reply, 'chat-message', (args) => post(args[0]));

  const post = async (raw: unknown): Promise<Result<ChatMessage>> => {
    const draft = chatDraftSchema.safeParse(raw);
    if (!draft.success) return fail('invalid-payload', 'a chat message is { clientId, text }');
    const text = chatTextSchema.safeParse(draft.data.text);
    if (!text.success) return fail('invalid-message', text.error.issues[0]?.message ?? 'invalid message');
    const member = deps.roster.memberOf(socket.id);
    if (!member) return fail('not-joined', 'join a room first');
    // A retry of a message already posted (its acknowledgement was lost) costs nothing.
    const earlier = deps.chat.posted(member.roomId, member.peerId, draft.data.clientId);
    if (earlier) return ok(earlier);
    const now = deps.now();
    if (!deps.allowances.person(member).allow('chat', now)) {
      return fail('rate-limited', 'too many messages; wait a moment and send again');
    }
    if (!(await deps.allowances.allowAddress(member.address, 'addressChat', now))) {
      return fail('rate-limited', 'too many messages from your network; wait a moment and send again');
    }
    const { message, isNew } = deps.chat.post(member.roomId, member, draft.data.clientId, text.data, now);
    if (!isNew) return ok(message);
    socket.to(member.roomId).emit('chat-message', message);
    if (deps.kept) await deps.kept(member.roomId, message);
    return ok(message);
  };
}
