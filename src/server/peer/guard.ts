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
  'too-many-answers',
  'to-self',
  'rate-limited',
  'backlogged',
] as const;
export type DropReason = (typeof dropReasons)[number];

/**
 * Drops that are the sender's own doing: a frame it wrote wrong, too big or too fast. Only these cost a
 * strike. Frames made undeliverable by someone else (they just left, their socket is between reconnections,
 * their side of the call was forgotten when they went) never do: members call every newcomer, so otherwise
 * anyone who can join and leave could get a member's socket closed. Nor do frames sent without a seat: a
 * page whose seat the server has just let go (it was late, on a starved machine) still has candidates in
 * flight for a dozen calls, and closing its socket for them turns one late page into a page that leaves and
 * joins again and again. Nor does a receiver's backlog (`backlogged`: its socket has not taken in what was
 * already sent to it). Those are counted in metrics, and the signaling rate still bounds them (too fast
 * costs a strike).
 */
const sendersFault: ReadonlySet<DropReason> = new Set<DropReason>([
  'malformed',
  'unknown-type',
  'too-large',
  'too-many-candidates',
  'too-many-offers',
  'too-many-answers',
  'to-self',
  'rate-limited',
]);

export function costsStrike(reason: DropReason): boolean {
  return sendersFault.has(reason);
}

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
  // Nobody calls themselves: a socket that does not read could have the server keep all it sent itself.
  if (frame.dst === sender) return { ok: false, reason: 'to-self' };
  if (context.roomOf(frame.dst) !== room) return { ok: false, reason: 'other-room' };
  // Nothing is queued for someone whose socket is not open (a reconnect gap): the sender tries again.
  if (!context.isLive) return { ok: false, reason: 'absent' };
  let verdict: CallVerdict = 'ok';
  if (frame.type === 'OFFER') verdict = context.calls.offer(sender, frame.dst, frame.payload.connectionId, context.now);
  if (frame.type === 'ANSWER') verdict = context.calls.answer(sender, frame.dst, frame.payload.connectionId);
  if (frame.type === 'CANDIDATE') verdict = context.calls.candidate(sender, frame.dst, frame.payload.connectionId);
  return verdict === 'ok' ? { ok: true } : { ok: false, reason: verdict };
}
