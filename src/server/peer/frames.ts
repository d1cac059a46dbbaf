import { z } from 'zod';
import { peerIdSchema } from '../../shared/schemas.js';

/** The longest session description accepted (an audio+video offer is 5 to 10 KB). */
const sdpMax = 32 * 1024;

const connectionId = z.string().min(1).max(64);
const connectionType = z.enum(['media', 'data']);
const description = z.object({ type: z.enum(['offer', 'answer']), sdp: z.string().min(1).max(sdpMax) });

/** What a PeerJS client sends (peerjs 1.x): extra keys (metadata, browser...) are passed along unchanged. */
const clientFrames = {
  HEARTBEAT: z.looseObject({ type: z.literal('HEARTBEAT') }),
  OFFER: z.looseObject({
    type: z.literal('OFFER'),
    dst: peerIdSchema,
    payload: z.looseObject({ sdp: description, type: connectionType, connectionId }),
  }),
  ANSWER: z.looseObject({
    type: z.literal('ANSWER'),
    dst: peerIdSchema,
    payload: z.looseObject({ sdp: description, type: connectionType, connectionId }),
  }),
  CANDIDATE: z.looseObject({
    type: z.literal('CANDIDATE'),
    dst: peerIdSchema,
    payload: z.looseObject({
      candidate: z.looseObject({
        candidate: z.string().max(1024),
        sdpMid: z.string().max(64).nullish(),
        sdpMLineIndex: z.number().int().min(0).max(1024).nullish(),
      }),
      type: connectionType,
      connectionId,
    }),
  }),
  LEAVE: z.looseObject({ type: z.literal('LEAVE'), dst: peerIdSchema.optional() }),
} as const;

export type ClientFrame = { type: keyof typeof clientFrames; dst?: string };

/** Parses one frame: the frame, or whether it was not JSON at all ('malformed') or not a client message. */
export function parseClientFrame(raw: string): ClientFrame | 'malformed' | 'unknown-type' {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    return 'malformed';
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return 'malformed';
  const type = (message as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(clientFrames, type)) return 'unknown-type';
  const parsed = clientFrames[type as keyof typeof clientFrames].safeParse(message);
  return parsed.success ? (parsed.data as ClientFrame) : 'malformed';
}
