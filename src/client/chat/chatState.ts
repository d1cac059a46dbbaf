import type { ErrorCode } from '../../shared/errors.js';
import type { ChatMessage } from '../../shared/events.js';

/** sending: on its way; waiting: goes as soon as the room is joined again; failed: refused or unanswered. */
export type ChatStatus = 'sending' | 'waiting' | 'sent' | 'failed';

/** Why a message was not posted: the server's error code, or no answer in time. */
export type ChatFailure = ErrorCode | 'no-answer';

export interface ChatEntry {
  /** The sender's id for the message: stable from the moment it is typed. */
  clientId: string;
  /** The server's id, once posted. */
  id?: string;
  peerId: string;
  name: string;
  text: string;
  /** Server time once posted; the local time before. */
  sentAt: number;
  own: boolean;
  status: ChatStatus;
  /** Why it was not posted, when it failed. */
  error?: ChatFailure;
}

export interface ChatState {
  entries: readonly ChatEntry[];
  unread: number;
}

/** Messages kept on the page; older ones scroll away for good. */
const keep = 500;

export const emptyChat: ChatState = { entries: [], unread: 0 };

const entryOf = (message: ChatMessage, selfPeerId: string): ChatEntry => ({
  clientId: message.clientId,
  id: message.id,
  peerId: message.peerId,
  name: message.name,
  text: message.text,
  sentAt: message.sentAt,
  own: message.peerId === selfPeerId,
  status: 'sent',
});

/** Posted messages in server order, then what is still on its way, in the order it was written. */
function ordered(entries: ChatEntry[]): ChatEntry[] {
  const posted = entries.filter((entry) => entry.status === 'sent').sort((a, b) => a.sentAt - b.sentAt);
  const unposted = entries.filter((entry) => entry.status !== 'sent');
  return [...posted, ...unposted].slice(-keep);
}

export function queued(state: ChatState, entry: ChatEntry): ChatState {
  return { ...state, entries: [...state.entries, entry].slice(-keep) };
}

function changeOwn(state: ChatState, clientId: string, change: (entry: ChatEntry) => ChatEntry): ChatState {
  return {
    ...state,
    entries: state.entries.map((entry) => (entry.own && entry.clientId === clientId ? change(entry) : entry)),
  };
}

export function acknowledged(state: ChatState, message: ChatMessage): ChatState {
  const next = changeOwn(state, message.clientId, (entry) => ({
    ...entry,
    id: message.id,
    name: message.name,
    text: message.text,
    sentAt: message.sentAt,
    status: 'sent',
    error: undefined,
  }));
  return { ...next, entries: ordered([...next.entries]) };
}

export function failed(state: ChatState, clientId: string, error: ChatFailure): ChatState {
  return changeOwn(state, clientId, (entry) => ({ ...entry, status: 'failed', error }));
}

export function retrying(state: ChatState, clientId: string): ChatState {
  return changeOwn(state, clientId, (entry) => ({ ...entry, status: 'sending', error: undefined }));
}

export function waiting(state: ChatState, clientId: string): ChatState {
  return changeOwn(state, clientId, (entry) => (entry.status === 'sent' ? entry : { ...entry, status: 'waiting' }));
}

/** Someone else's message; counted as unread unless the chat is open. */
export function received(state: ChatState, message: ChatMessage, selfPeerId: string, isOpen: boolean): ChatState {
  if (state.entries.some((entry) => entry.id === message.id)) return state;
  return {
    entries: ordered([...state.entries, entryOf(message, selfPeerId)]),
    unread: isOpen ? 0 : state.unread + 1,
  };
}

/** The room's history from a (re)join, merged with what the page already shows. */
export function historyLoaded(state: ChatState, history: readonly ChatMessage[], selfPeerId: string): ChatState {
  let next = state;
  const known = new Set(state.entries.map((entry) => entry.id).filter(Boolean));
  const fresh: ChatEntry[] = [];
  for (const message of history) {
    if (known.has(message.id)) continue;
    const mine = message.peerId === selfPeerId;
    // Ours, posted although its acknowledgement was lost: it is sent after all.
    if (mine && next.entries.some((entry) => entry.own && entry.clientId === message.clientId)) {
      next = acknowledged(next, message);
    } else {
      fresh.push(entryOf(message, selfPeerId));
    }
  }
  if (fresh.length === 0) return next;
  return { entries: ordered([...next.entries, ...fresh]), unread: next.unread + fresh.length };
}

export function read(state: ChatState): ChatState {
  return state.unread === 0 ? state : { ...state, unread: 0 };
}
