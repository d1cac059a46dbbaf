import { timingSafeEqual } from 'node:crypto';

/** One PeerJS signaling socket as the server knows it. */
export interface PeerSocket {
  id: string;
  token: string;
  /** The room the client named when it connected (Parley's client does), if any. */
  roomId: string | undefined;
  /** The client address it connected from. */
  address: string;
  /** Sends one server message. */
  send(message: object): void;
  /** Bytes sent to it that its connection has not taken in yet (a client that stopped reading). */
  backlog(): number;
  /** Ends the socket (with a WebSocket close code). */
  close(code: number, reason: string): void;
  /**
   * When the page behind it last spoke (a frame: Parley's page sends a heartbeat every 1.5 s). WebSocket pongs
   * do not count here: the browser's network stack answers them even for a page whose scripts froze.
   */
  lastHeard: number;
  /**
   * When anything at all last came from it, pongs included: a socket silent even to pings is dead, and one
   * that answers them belongs to a browser still there, if perhaps too busy to speak (presence counts it so).
   */
  lastAlive: number;
  /** Set once a join claimed it: after that, only its token proves who owns the id. */
  claimed: boolean;
}

export type Registration = { ok: true; replaced?: PeerSocket } | { ok: false; reason: 'id-taken' };

/**
 * Which PeerJS id belongs to whom. An id is held by its live socket and, once a participant took a seat with
 * it, by that participant's token even when no socket is open (a reconnect gap, a hold, and for a while after
 * they left): only the same token may register it again. Nobody can take an id by being first into a gap.
 * Pure state: the caller passes the time.
 */
export class PeerDirectory {
  private readonly sockets = new Map<string, PeerSocket>();
  /** Tokens of ids held by participants: seated (no expiry), or gone recently (until `until`). */
  private readonly bound = new Map<string, { token: string; until?: number }>();

  /** How long an id stays its last owner's after they left: their browser may still reconnect with it. */
  constructor(private readonly retainMs = 10 * 60_000) {}

  /** A socket asks for its id: refused when someone else holds it; the same token replaces its old socket. */
  register(socket: PeerSocket, now = Date.now()): Registration {
    const binding = this.bound.get(socket.id);
    const owner = binding && (binding.until === undefined || binding.until > now) ? binding.token : undefined;
    const live = this.sockets.get(socket.id);
    const ownerToken = owner ?? live?.token;
    if (ownerToken !== undefined && !sameSecret(ownerToken, socket.token)) return { ok: false, reason: 'id-taken' };
    this.sockets.set(socket.id, socket);
    // A participant's own browser reconnecting: it was theirs already.
    if (owner !== undefined) socket.claimed = true;
    return live && live !== socket ? { ok: true, replaced: live } : { ok: true };
  }

  /** The socket closed; the id stays bound if a participant holds it. */
  remove(socket: PeerSocket): boolean {
    if (this.sockets.get(socket.id) !== socket) return false;
    this.sockets.delete(socket.id);
    return true;
  }

  get(id: string): PeerSocket | undefined {
    return this.sockets.get(id);
  }

  isLive(id: string): boolean {
    return this.sockets.has(id);
  }

  /**
   * Whether a join may take this id: the live socket's token presented (Parley's client), or, for a client
   * that cannot present it (the seed's), a socket never claimed before, from the same address.
   */
  mayClaim(id: string, proof: { token?: string; address: string }): boolean {
    const socket = this.sockets.get(id);
    if (!socket) return false;
    if (proof.token !== undefined) return sameSecret(socket.token, proof.token);
    return !socket.claimed && socket.address === proof.address;
  }

  /** A participant took a seat with this id: from now on only its token opens it. */
  bind(id: string): void {
    const socket = this.sockets.get(id);
    if (!socket) return;
    socket.claimed = true;
    this.bound.set(id, { token: socket.token });
  }

  /** A participant seated on another node holds this id with this token (their room moved here). */
  restoreBinding(id: string, token: string): void {
    this.bound.set(id, { token });
  }

  /** The token a seated participant's id is bound to, if any (what another node needs to restore them). */
  boundToken(id: string): string | undefined {
    return this.bound.get(id)?.token;
  }

  /** The participant left: the id stays theirs for a while (their browser may come back with it). */
  unbind(id: string, now = Date.now()): void {
    const binding = this.bound.get(id);
    if (binding) binding.until = now + this.retainMs;
  }

  /** Forgets bindings of people gone long ago. */
  prune(now = Date.now()): void {
    for (const [id, binding] of this.bound)
      if (binding.until !== undefined && binding.until <= now) this.bound.delete(id);
  }

  get size(): number {
    return this.sockets.size;
  }

  get boundCount(): number {
    return this.bound.size;
  }

  all(): IterableIterator<PeerSocket> {
    return this.sockets.values();
  }
}

function sameSecret(expected: string, presented: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
