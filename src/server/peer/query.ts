import { z } from 'zod';
import { peerIdSchema, roomIdSchema } from '../../shared/schemas.js';

/** The key a stock PeerJS client sends by default; Parley's own client sends its room id instead. */
export const defaultPeerKey = 'peerjs';

/** What a PeerJS client says when it opens its socket: `?key=..&id=..&token=..[&version=..]`. */
export interface PeerHello {
  /** The room this socket is for, when the client said so (Parley's client does; the seed's does not). */
  roomId: string | undefined;
  id: string;
  /** The client's own secret for its id: only a socket with the same token may take the id back. */
  token: string;
}

const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const known = new Set(['key', 'id', 'token', 'version']);

/**
 * Reads the query of a PeerJS socket exactly once. Every parameter may appear once: a second `id` (read one
 * way by one component and another way by the next) is refused, not resolved. Unknown parameters are
 * refused too, so nothing downstream can read something this function did not check.
 */
export function parsePeerHello(search: string): PeerHello | { error: string } {
  const values = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(search)) {
    if (!known.has(name)) return { error: `unknown parameter "${name.slice(0, 20)}"` };
    if (values.has(name)) return { error: `parameter "${name}" given twice` };
    values.set(name, value);
  }
  const key = values.get('key');
  const roomId = key === defaultPeerKey ? undefined : roomIdSchema.safeParse(key);
  if (key === undefined || (roomId && !roomId.success)) return { error: 'key must be "peerjs" or a room name' };
  const id = peerIdSchema.safeParse(values.get('id'));
  if (!id.success) return { error: 'id is not a valid PeerJS id' };
  const token = tokenSchema.safeParse(values.get('token'));
  if (!token.success) return { error: 'token must be 1 to 64 letters, digits, "-" or "_"' };
  return { roomId: roomId?.data, id: id.data, token: token.data };
}
