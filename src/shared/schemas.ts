import { z } from 'zod';
import { limits, reservedRoomIds } from './limits.js';
import { chatTextProblem, normalizeChatText } from './chat.js';
import { normalizeName } from './names.js';
import { displayNameProblem } from './nameSkeleton.js';

/**
 * A room is a UUID or a readable name; both fit one pattern. Names are case-insensitive:
 * `/Team-Standup` and `/team-standup` are the same room, so ids are normalised to lower case.
 */
const roomIdPattern = new RegExp(`^[A-Za-z0-9_-]{${limits.roomIdMin},${limits.roomIdMax}}$`);

export const roomIdSchema = z
  .string()
  .regex(roomIdPattern, 'a room name is 3 to 64 letters, digits, "-" or "_"')
  .transform((id) => id.toLowerCase())
  .refine((id) => !reservedRoomIds.has(id), 'this name is reserved');

export function parseRoomId(value: unknown): string | undefined {
  const parsed = roomIdSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** PeerJS's own id rule (peerjs `validateId`), with a length cap. */
export const peerIdSchema = z
  .string()
  .max(limits.peerIdMax)
  .regex(/^[A-Za-z0-9]+(?:[ _-][A-Za-z0-9]+)*$/, 'not a valid PeerJS id');

/**
 * The display-name policy of names.ts with the server's look-alike check (nameSkeleton.ts). The client checks
 * with `nameProblem` directly: importing this schema there would bundle the confusables table.
 */
export const displayNameSchema = z
  .string()
  // Bounded before normalising, so a huge string costs nothing; 16 UTF-16 units hold any real character.
  .max(limits.nameMax * 16, `a name is at most ${limits.nameMax} characters`)
  .transform(normalizeName)
  .superRefine((name, context) => {
    const problem = displayNameProblem(name);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

/** Microphone and camera on or off; `screen` (sharing the screen) is left as it was when absent. */
export const mediaStateSchema = z.object({
  audio: z.boolean(),
  video: z.boolean(),
  screen: z.boolean().optional(),
});

export const handSchema = z.boolean();

export const chatTextSchema = z
  .string()
  // Bounded before normalising, so a huge string costs nothing.
  .max(limits.chatMax * 4, `a message is at most ${limits.chatMax} characters`)
  .transform(normalizeChatText)
  .superRefine((text, context) => {
    const problem = chatTextProblem(text);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

/** A chat message as the sender sends it: `clientId` makes a retried send idempotent. */
export const chatDraftSchema = z.object({
  clientId: z
    .string()
    .regex(
      new RegExp(`^[A-Za-z0-9_-]{1,${limits.chatClientIdMax}}$`),
      'clientId is 1 to 64 letters, digits, "-" or "_"',
    ),
  text: z.unknown(),
});

/** Parley's optional third argument to `join-room`. Unknown keys are ignored, for forward compatibility. */
export const joinOptionsSchema = z.object({
  name: z.unknown().optional(),
  audio: z.boolean().optional(),
  video: z.boolean().optional(),
  /** The resume token from the previous join, when reconnecting. */
  resume: z.string().min(1).max(64).optional(),
  /** The token the PeerJS socket of this peer id connected with: proof that the id is the joiner's own. */
  peerToken: z.string().min(1).max(64).optional(),
  /** The id of the last chat message the client has: history after it only (after a reconnection). */
  chatAfter: z
    .string()
    .regex(/^\d{1,12}$/)
    .optional(),
  /** The host key this browser holds for the room, if any. */
  hostKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/)
    .optional(),
  /** The room's passcode, when it has one. */
  passcode: z.string().min(1).max(limits.passcodeMax).optional(),
  /** This browser's own random id (kept on the device): a host's removal holds for it. */
  device: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/)
    .optional(),
});

/** `knock(roomId, peerId, options)`: ask a host to be let in. */
export const knockOptionsSchema = joinOptionsSchema.pick({ name: true, peerToken: true, passcode: true, device: true });

export const roomModeSchema = z.enum(['open', 'knock', 'locked']);

/** Everything a host can do, one payload per kind. */
export const hostActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('admit'), peerId: peerIdSchema }),
  z.object({ type: z.literal('deny'), peerId: peerIdSchema }),
  z.object({ type: z.literal('admit-all') }),
  z.object({ type: z.literal('set-mode'), mode: roomModeSchema }),
  z.object({ type: z.literal('set-passcode'), passcode: z.string().min(4).max(limits.passcodeMax).nullable() }),
  z.object({ type: z.literal('mute'), peerId: peerIdSchema }),
  z.object({ type: z.literal('mute-all') }),
  z.object({ type: z.literal('ask-unmute'), peerId: peerIdSchema }),
  z.object({ type: z.literal('stop-share'), peerId: peerIdSchema }),
  z.object({ type: z.literal('remove'), peerId: peerIdSchema }),
  z.object({ type: z.literal('make-host'), peerId: peerIdSchema }),
  z.object({ type: z.literal('step-down') }),
  z.object({ type: z.literal('end-meeting') }),
]);

/** A member's report of whose media is arriving right now (peer ids), so the server knows they are there. */
export const mediaReportSchema = z.object({
  receiving: z.array(z.string().max(limits.peerIdMax)).max(64),
});

/**
 * A receiver tells one sender the size at which it shows their video (device pixels; 0×0: not at all), so the
 * sender sends no more than that, and nothing to a tile nobody sees.
 */
export const viewSizeSchema = z.object({
  to: peerIdSchema,
  width: z.number().int().min(0).max(limits.viewSizeMax),
  height: z.number().int().min(0).max(limits.viewSizeMax),
});

/** A browser's report of how a call it placed or answered went, for the server's metrics. */
export const callReportSchema = z.object({ outcome: z.enum(['connected', 'failed']) });

export type CallReport = z.infer<typeof callReportSchema>;
export type ViewSizeReport = z.infer<typeof viewSizeSchema>;
export type MediaReport = z.infer<typeof mediaReportSchema>;
export type KnockOptions = z.input<typeof knockOptionsSchema> & { name?: string };
export type HostAction = z.infer<typeof hostActionSchema>;
export type MediaState = z.infer<typeof mediaStateSchema>;
export type ChatDraft = { clientId: string; text: string };
export type JoinOptions = z.input<typeof joinOptionsSchema> & { name?: string };
