import { z } from 'zod';
import type { ChatMessage } from '../../shared/events.js';
import { peerIdSchema, roomModeSchema } from '../../shared/schemas.js';
import { limits } from '../../shared/limits.js';
import { rates, type RateKind, type RatesState } from '../limits/rates.js';
import type { ControlSnapshot } from '../rooms/control.js';
import type { Member } from '../rooms/roster.js';

/**
 * What another node needs to go on with a room after its owner died or handed it over, as kept in Redis:
 * each seat (with the resume token and the PeerJS token that prove it, so its holder takes it back unseen)
 * and the room's control. Redis is read like any other edge: parsed, never trusted blindly.
 */
const seatSchema = z.object({
  peerId: peerIdSchema,
  name: z.string().max(400),
  audio: z.boolean(),
  video: z.boolean(),
  screen: z.boolean(),
  hand: z.boolean(),
  handOrder: z.number().int().positive().optional(),
  host: z.boolean(),
  joinedAt: z.number(),
  address: z.string().max(200),
  resumeToken: z.string().max(200),
  peerToken: z.string().max(200).optional(),
  device: z.string().max(200).optional(),
  /** The newest chat message id its join answers carried (historyLedger.ts): a move sends it no message twice. */
  historySent: z.number().int().nonnegative().optional(),
});

const knockerSchema = z.object({
  peerId: peerIdSchema,
  name: z.string().max(400),
  since: z.number(),
  device: z.string().max(200).optional(),
  admittedUntil: z.number().optional(),
});

const controlSchema = z.object({
  mode: roomModeSchema,
  passcode: z.string().max(200).optional(),
  hostKeys: z.array(z.tuple([z.string().max(200), z.string().max(200)])).max(1000),
  removed: z.array(z.string().max(200)).max(10_000),
  lobby: z.array(knockerSchema).max(limits.lobbyMax).optional(),
});

/** A seat's allowances (limits/rates.ts) as its node left them: they move with the seat, as its history does. */
const bucketSchema = z.object({ tokens: z.number().min(0).max(1e6), at: z.number() });
const ratesStateSchema = z.partialRecord(z.enum(Object.keys(rates) as [RateKind, ...RateKind[]]), bucketSchema);

export const roomSnapshotSchema = z.object({
  v: z.literal(1),
  seats: z.array(seatSchema).max(1000),
  control: controlSchema.optional(),
  /** Per seat (peer id). Not compared when deciding whether a room changed: they change with every request. */
  allowances: z.record(peerIdSchema, ratesStateSchema).optional(),
});

export type Seat = z.infer<typeof seatSchema>;
export type RoomSnapshot = z.infer<typeof roomSnapshotSchema>;

export const chatMessageSchema = z.object({
  id: z.string().max(20),
  clientId: z.string().max(200),
  peerId: peerIdSchema,
  name: z.string().max(400),
  text: z.string().max(20_000),
  sentAt: z.number(),
});

export function snapshotOf(
  members: readonly Member[],
  seatFacts: {
    peerTokenOf: (peerId: string) => string | undefined;
    historySentTo: (member: Member) => number | undefined;
    allowancesOf?: (member: Member) => RatesState | undefined;
  },
  control: ControlSnapshot | undefined,
): RoomSnapshot {
  const allowances: Record<string, RatesState> = {};
  for (const member of members) {
    const state = seatFacts.allowancesOf?.(member);
    if (state) allowances[member.peerId] = state;
  }
  return {
    v: 1,
    ...(Object.keys(allowances).length > 0 ? { allowances } : {}),
    seats: members.map((member) => {
      const peerToken = seatFacts.peerTokenOf(member.peerId);
      const historySent = seatFacts.historySentTo(member);
      return {
        peerId: member.peerId,
        name: member.name,
        audio: member.audio,
        video: member.video,
        screen: member.screen,
        hand: member.hand,
        ...(member.handOrder === undefined ? {} : { handOrder: member.handOrder }),
        host: member.host,
        joinedAt: member.joinedAt,
        address: member.address,
        resumeToken: member.resumeToken,
        ...(peerToken === undefined ? {} : { peerToken }),
        ...(member.device === undefined ? {} : { device: member.device }),
        ...(historySent === undefined ? {} : { historySent }),
      };
    }),
    ...(control ? { control } : {}),
  };
}

/** A seat as a roster member with no connection yet (its placeholder connection id is never a socket's). */
export function memberFromSeat(roomId: string, seat: Seat): Member {
  const { peerToken: _token, historySent: _sent, ...member } = seat;
  return { ...member, roomId, connectionId: `moved:${seat.peerId}` };
}

export function parseSnapshot(raw: string | null): RoomSnapshot | undefined {
  if (raw === null) return undefined;
  try {
    const parsed = roomSnapshotSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function parseChat(entries: readonly string[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const raw of entries) {
    try {
      const parsed = chatMessageSchema.safeParse(JSON.parse(raw));
      if (parsed.success) messages.push(parsed.data);
    } catch {
      // A damaged entry is skipped: the rest of the history still counts.
    }
  }
  return messages;
}
