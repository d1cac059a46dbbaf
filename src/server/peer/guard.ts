import { parseClientFrame } from './frames.js';

export const dropReasons = ['malformed', 'unknown-type', 'sender-not-in-room', 'other-room', 'rate-limited'] as const;
export type DropReason = (typeof dropReasons)[number];

/**
 * Whether the PeerServer may relay a signaling frame. Every frame must be a well-formed PeerJS client
 * message; calls are set up only between participants of the same room, as the server's roster says; the
 * sender is who the socket registered as, never what the frame claims.
 */
export function checkSignal(
  raw: string,
  sender: string,
  roomOf: (peerId: string) => string | undefined,
): { ok: true } | { ok: false; reason: DropReason } {
  const frame = parseClientFrame(raw);
  if (typeof frame === 'string') return { ok: false, reason: frame };
  if (frame.type === 'HEARTBEAT') return { ok: true };
  // A LEAVE without a destination only unregisters the sender.
  if (frame.type === 'LEAVE' && frame.dst === undefined) return { ok: true };
  const room = roomOf(sender);
  if (room === undefined) return { ok: false, reason: 'sender-not-in-room' };
  if (roomOf(frame.dst ?? '') !== room) return { ok: false, reason: 'other-room' };
  return { ok: true };
}
