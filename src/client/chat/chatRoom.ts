import type { ChatMessage } from '../../shared/events.js';
import { chatTextProblemOf, normalizeChatText, type ChatTextProblem } from '../../shared/chat.js';
import { randomId } from '../ids.js';
import type { SignalingSocket } from '../signaling/socket.js';
import {
  acknowledged,
  emptyChat,
  failed,
  historyLoaded,
  queued,
  read,
  received,
  retrying,
  waiting,
  type ChatState,
} from './chatState.js';
import { Store } from '../room/store.js';

const ackTimeoutMs = 10_000;

/**
 * The room's chat on this page. Every message the person writes stays on screen with its fate: sending;
 * waiting while the connection is down (it goes by itself once the room is joined again); sent; or failed,
 * with the server's reason or "no answer", and a retry. Resending can never post a message twice: the
 * server recognises its clientId.
 */
export class ChatRoom {
  readonly store = new Store<ChatState>(emptyChat);
  private readonly inFlight = new Set<string>();
  private open = false;
  private nextId = 1;
  private readonly prefix = randomId().slice(0, 8);

  constructor(
    private readonly socket: SignalingSocket,
    private readonly self: () => { peerId: string; name: string; joined: boolean },
    /** Someone else's message arrived while the chat was closed. */
    private readonly onUnseen: (message: ChatMessage) => void,
  ) {
    socket.on('chat-message', this.onMessage);
  }

  /** Writes a message; returns why it cannot be sent (the text stays in the box), or undefined. */
  send(raw: string): ChatTextProblem | undefined {
    const text = normalizeChatText(raw);
    const problem = chatTextProblemOf(text);
    if (problem) return problem;
    const { peerId, name } = this.self();
    const clientId = `${this.prefix}-${this.nextId++}`;
    this.store.update((state) =>
      queued(state, { clientId, peerId, name, text, sentAt: Date.now(), own: true, status: 'waiting' }),
    );
    this.deliver(clientId);
    return undefined;
  }

  retry(clientId: string): void {
    this.store.update((state) => retrying(state, clientId));
    this.deliver(clientId);
  }

  /** The history from a (re)join; then everything still waiting goes out. */
  joined(history: readonly ChatMessage[]): void {
    this.store.update((state) => historyLoaded(state, history, this.self().peerId));
    if (this.open) this.store.update(read);
    for (const entry of this.store.get().entries) {
      if (entry.own && (entry.status === 'waiting' || entry.status === 'sending')) this.deliver(entry.clientId);
    }
  }

  /** The newest message the server has given us: after a reconnection, only what came later is asked for. */
  lastMessageId(): string | undefined {
    let newest: number | undefined;
    for (const entry of this.store.get().entries) {
      if (entry.id !== undefined && (newest === undefined || Number(entry.id) > newest)) newest = Number(entry.id);
    }
    return newest === undefined ? undefined : String(newest);
  }

  setOpen(open: boolean): void {
    this.open = open;
    if (open) this.store.update(read);
  }

  close(): void {
    this.socket.off('chat-message', this.onMessage);
  }

  private deliver(clientId: string): void {
    const entry = this.store.get().entries.find((candidate) => candidate.own && candidate.clientId === clientId);
    if (!entry || this.inFlight.has(clientId)) return;
    if (!this.self().joined) {
      this.store.update((state) => waiting(state, clientId));
      return;
    }
    this.inFlight.add(clientId);
    this.store.update((state) => retrying(state, clientId));
    this.socket
      .timeout(ackTimeoutMs)
      .emitWithAck('chat-message', { clientId, text: entry.text })
      .then(
        (result) => {
          this.store.update((state) =>
            result.ok ? acknowledged(state, result.data) : failed(state, clientId, result.error.code),
          );
        },
        () =>
          // The connection dropped: it goes again after the rejoin. Still connected: no answer in time.
          this.store.update((state) =>
            this.socket.connected ? failed(state, clientId, 'no-answer') : waiting(state, clientId),
          ),
      )
      .finally(() => this.inFlight.delete(clientId));
  }

  private readonly onMessage = (message: ChatMessage): void => {
    this.store.update((state) => received(state, message, this.self().peerId, this.open));
    if (!this.open) this.onUnseen(message);
  };
}
