import { z } from 'zod';
import { peerIdSchema } from '../../shared/schemas.js';

/** The longest session description accepted (an audio+video offer is 5 to 10 KB; two video tracks ~14 KB). */
const sdpMax = 32 * 1024;

/** The largest frame of each type, in bytes of JSON: a type never carries more than it needs. */
export const frameMax = {
  HEARTBEAT: 64,
  OFFER: sdpMax + 4096,
  ANSWER: sdpMax + 1024,
  CANDIDATE: 2048,
  LEAVE: 256,
} as const;

const connectionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const description = (type: 'offer' | 'answer') =>
  z.object({ type: z.literal(type), sdp: z.string().min(1).max(sdpMax).startsWith('v=0') });
/** Whatever a caller attaches to its call; passed on only when small. */
const metadata = z.unknown().refine((value) => value === undefined || jsonLength(value) <= 1024);
const serialization = z.enum(['binary', 'binary-utf8', 'json', 'raw', 'default']);

const offer = z.object({
  type: z.literal('OFFER'),
  dst: peerIdSchema,
  payload: z.discriminatedUnion('type', [
    z.object({ type: z.literal('media'), sdp: description('offer'), connectionId, metadata: metadata.optional() }),
    z.object({
      type: z.literal('data'),
      sdp: description('offer'),
      connectionId,
      metadata: metadata.optional(),
      label: z.string().max(128).optional(),
      reliable: z.boolean().optional(),
      serialization: serialization.optional(),
    }),
  ]),
});
const answer = z.object({
  type: z.literal('ANSWER'),
  dst: peerIdSchema,
  payload: z.object({ type: z.enum(['media', 'data']), sdp: description('answer'), connectionId }),
});
const candidate = z.object({
  type: z.literal('CANDIDATE'),
  dst: peerIdSchema,
  payload: z.object({
    type: z.enum(['media', 'data']),
    connectionId,
    candidate: z.object({
      candidate: z.string().max(1024),
      sdpMid: z.string().max(64).nullish(),
      sdpMLineIndex: z.number().int().min(0).max(1024).nullish(),
      usernameFragment: z.string().max(256).nullish(),
    }),
  }),
});
const leave = z.object({ type: z.literal('LEAVE'), dst: peerIdSchema.optional() });
const heartbeat = z.object({ type: z.literal('HEARTBEAT') });

/**
 * What a PeerJS client may send (peerjs 1.x). zod objects strip keys they do not name, so a parsed frame is
 * rebuilt from its schema: padding, a forged `src` and anything else unknown never reach another browser.
 */
const clientFrames = { HEARTBEAT: heartbeat, OFFER: offer, ANSWER: answer, CANDIDATE: candidate, LEAVE: leave };

export type ClientFrame =
  | z.infer<typeof heartbeat>
  | z.infer<typeof offer>
  | z.infer<typeof answer>
  | z.infer<typeof candidate>
  | z.infer<typeof leave>;
export type RelayedFrame = Extract<ClientFrame, { type: 'OFFER' | 'ANSWER' | 'CANDIDATE' }>;

export type FrameProblem = 'malformed' | 'unknown-type' | 'too-large';

/** Parses one frame: the rebuilt frame, or what is wrong with it. */
export function parseClientFrame(raw: string): ClientFrame | FrameProblem {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    return 'malformed';
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return 'malformed';
  const type = (message as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(clientFrames, type)) return 'unknown-type';
  const known = type as keyof typeof clientFrames;
  if (Buffer.byteLength(raw) > frameMax[known]) return 'too-large';
  const parsed = clientFrames[known].safeParse(message);
  return parsed.success ? parsed.data : 'malformed';
}

/**
 * The length of a value as JSON, or Infinity when it cannot be written: JSON.stringify throws on an array nested
 * a few thousand deep (the call stack runs out), and a throw here would escape the socket and end the process.
 */
function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value).length;
  } catch {
    return Infinity;
  }
}
