import type { ChatMessage } from '../../shared/events.js';
import { fail, ok, type Result } from '../../shared/errors.js';
import { chatDraftSchema, chatTextSchema } from '../../shared/schemas.js';
import type { Roster } from '../rooms/roster.js';
import { takeAck, type ParleySocket, type Reply } from '../socket/reply.js';
import type { ChatLog } from './chatLog.js';

/**
 * Chat over socket.io: the server stamps the sender and the time, keeps the room's recent history, and
 * acknowledges every message so the sender knows whether it was posted.
 */
export function registerChatHandlers(socket: ParleySocket, roster: Roster, chat: ChatLog, reply: Reply): void {
  socket.on('chat-message', (...args: unknown[]) => {
    const ack = takeAck<ChatMessage>(args);
    reply(ack, post(args[0]), 'chat-message');
  });

  const post = (raw: unknown): Result<ChatMessage> => {
    const draft = chatDraftSchema.safeParse(raw);
    if (!draft.success) return fail('invalid-payload', 'a chat message is { clientId, text }');
    const text = chatTextSchema.safeParse(draft.data.text);
    if (!text.success) return fail('invalid-message', text.error.issues[0]?.message ?? 'invalid message');
    const member = roster.memberOf(socket.id);
    if (!member) return fail('not-joined', 'join a room first');
    const { message, isNew } = chat.post(member.roomId, member, draft.data.clientId, text.data);
    if (isNew) socket.to(member.roomId).emit('chat-message', message);
    return ok(message);
  };
}
