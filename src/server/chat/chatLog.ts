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

  /** A room's history as another node kept it (the room moved here): replaces what this node had. */
  restore(roomId: string, messages: readonly ChatMessage[]): void {
    const kept = messages.slice(-this.historyLimit);
    const lastId = kept.reduce((most, message) => Math.max(most, Number(message.id) || 0), 0);
    if (kept.length === 0) this.rooms.delete(roomId);
    else this.rooms.set(roomId, { nextId: lastId + 1, messages: [...kept] });
  }

  /** The message this sender already posted with this clientId, if any. */
  posted(roomId: string, peerId: string, clientId: string): ChatMessage | undefined {
    return this.rooms
      .get(roomId)
      ?.messages.findLast((message) => message.peerId === peerId && message.clientId === clientId);
  }

  /** Posts a message, or returns the one already posted with the same sender and clientId. */
  post(roomId: string, sender: Sender, clientId: string, text: string, now = Date.now()): PostOutcome {
    const room = this.rooms.get(roomId) ?? { nextId: 1, messages: [] };
    this.rooms.set(roomId, room);
    const earlier = this.posted(roomId, sender.peerId, clientId);
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

  /**
   * The room's messages, oldest first: those after `after` (a message id) if given, and of those the newest
   * whose size adds up to at most `maxBytes`, so one request can never be answered with megabytes.
   */
  history(roomId: string, { after, maxBytes = Infinity }: { after?: string; maxBytes?: number } = {}): ChatMessage[] {
    const messages = this.rooms.get(roomId)?.messages ?? [];
    const first = after === undefined ? 0 : messages.findIndex((message) => Number(message.id) > Number(after));
    if (first === -1) return [];
    const picked: ChatMessage[] = [];
    let bytes = 0;
    for (let index = messages.length - 1; index >= first; index--) {
      const message = messages[index];
      if (!message) continue;
      bytes += messageBytes(message);
      if (bytes > maxBytes) break;
      picked.push(message);
    }
    return picked.reverse();
  }

  /** Forgets a room (when its last participant left). */
  clear(roomId: string): void {
    this.rooms.delete(roomId);
  }

  get roomCount(): number {
    return this.rooms.size;
  }
}

/** A message's size on the wire, near enough (JSON, text counted as UTF-8). */
function messageBytes(message: ChatMessage): number {
  return Buffer.byteLength(message.text) + Buffer.byteLength(message.name) + message.clientId.length + 120;
}
