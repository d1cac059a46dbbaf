import { peerIdSchema } from '../../shared/schemas.js';

export const dropReasons = ['malformed', 'unknown-type', 'sender-not-in-room', 'other-room'] as const;
export type DropReason = (typeof dropReasons)[number];

/** Message types a PeerJS client sends; everything else is the server's to send. */
const relayed = new Set(['OFFER', 'ANSWER', 'CANDIDATE', 'LEAVE']);

/**
 * Whether the PeerServer may relay a signaling frame. Calls are set up only between participants of the
 * same room, as the server's roster says; the sender is who the socket registered as, never what the frame
 * claims.
 */
export function checkSignal(
  raw: string,
  sender: string,
  roomOf: (peerId: string) => string | undefined,
): { ok: true } | { ok: false; reason: DropReason } {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message))
    return { ok: false, reason: 'malformed' };
  const { type, dst } = message as { type?: unknown; dst?: unknown };
  if (type === 'HEARTBEAT') return { ok: true };
  if (typeof type !== 'string' || !relayed.has(type)) return { ok: false, reason: 'unknown-type' };
  // A LEAVE without a destination only unregisters the sender.
  if (type === 'LEAVE' && dst === undefined) return { ok: true };
  if (!peerIdSchema.safeParse(dst).success) return { ok: false, reason: 'malformed' };
  const room = roomOf(sender);
  if (room === undefined) return { ok: false, reason: 'sender-not-in-room' };
  if (roomOf(dst as string) !== room) return { ok: false, reason: 'other-room' };
  return { ok: true };
}
