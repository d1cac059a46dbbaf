import type { ChatMessage } from '../../shared/events.js';

export interface Sender {
  peerId: string;
  name: string;
}

export interface PostOutcome {
  message: ChatMessage;
  /** False when the sender repeated a message it had already posted (a retry after a lost ack). */
  isNew: boolean;
}

/**
 * Each room's recent chat, kept while the room lives so late joiners can read it. Pure state: no sockets,
 * no timers. Bounded: a room keeps its last `historyLimit` messages.
 */
export class ChatLog {
  private readonly rooms = new Map<string, { nextId: number; messages: ChatMessage[] }>();

  constructor(private readonly historyLimit: number) {}

  /** Posts a message, or returns the one already posted with the same sender and clientId. */
  post(roomId: string, sender: Sender, clientId: string, text: string, now = Date.now()): PostOutcome {
    const room = this.rooms.get(roomId) ?? { nextId: 1, messages: [] };
    this.rooms.set(roomId, room);
    const earlier = room.messages.findLast(
      (message) => message.peerId === sender.peerId && message.clientId === clientId,
    );
    if (earlier) return { message: earlier, isNew: false };
    const message: ChatMessage = {
      id: String(room.nextId++),
      clientId,
      peerId: sender.peerId,
      name: sender.name,
      text,
      sentAt: now,
    };
    room.messages.push(message);
    if (room.messages.length > this.historyLimit) room.messages.splice(0, room.messages.length - this.historyLimit);
    return { message, isNew: true };
  }

  /** The room's messages, oldest first. */
  history(roomId: string): ChatMessage[] {
    return [...(this.rooms.get(roomId)?.messages ?? [])];
  }

  /** Forgets a room (when its last participant left). */
  clear(roomId: string): void {
    this.rooms.delete(roomId);
  }

  get roomCount(): number {
    return this.rooms.size;
  }
}
