import type { CallBook, CallVerdict } from './calls.js';
import type { ClientFrame } from './frames.js';

export const dropReasons = [
  'malformed',
  'unknown-type',
  'too-large',
  'sender-not-in-room',
  'other-room',
  'absent',
  'unknown-call',
  'too-many-candidates',
  'too-many-offers',
  'rate-limited',
] as const;
export type DropReason = (typeof dropReasons)[number];

export type Addressed = Extract<ClientFrame, { dst?: string }> & { dst: string };

/**
 * Whether the server may relay a signaling frame from `sender`: only between participants the roster lists in
 * the same room, to a socket that is open now, and for answers and candidates only within a call that was
 * offered between them. The sender is who the socket registered as, never what the frame claims.
 */
export function checkRelay(
  frame: Addressed,
  sender: string,
  context: { roomOf: (peerId: string) => string | undefined; calls: CallBook; now: number; isLive: boolean },
): { ok: true } | { ok: false; reason: DropReason } {
  const room = context.roomOf(sender);
  if (room === undefined) return { ok: false, reason: 'sender-not-in-room' };
  if (context.roomOf(frame.dst) !== room) return { ok: false, reason: 'other-room' };
  // Nothing is queued for someone whose socket is not open (a reconnect gap): the sender tries again.
  if (!context.isLive) return { ok: false, reason: 'absent' };
  let verdict: CallVerdict = 'ok';
  if (frame.type === 'OFFER') verdict = context.calls.offer(sender, frame.dst, frame.payload.connectionId, context.now);
  if (frame.type === 'ANSWER') verdict = context.calls.answer(sender, frame.dst, frame.payload.connectionId);
  if (frame.type === 'CANDIDATE') verdict = context.calls.candidate(sender, frame.dst, frame.payload.connectionId);
  return verdict === 'ok' ? { ok: true } : { ok: false, reason: verdict };
}
