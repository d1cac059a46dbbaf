/** Whether a node may serve a room now, and if not, what the client is told. */
export type Admission =
  | { ok: true }
  | {
      ok: false;
      /** HTTP status for a refused handshake or upgrade: 409 the room lives on another node, 503 try again. */
      status: 409 | 503;
      reason: 'room-elsewhere' | 'unavailable';
      message: string;
    };

/**
 * Where a room lives. A single node serves every room; in a cluster a room lives on exactly one node at a
 * time, and a node claims it (or asks its owner to hand it over) before letting anyone in.
 */
export interface RoomHome {
  /**
   * May this node serve the room now? `asked` says who asks: a connection routed here by the room
   * (socket.io `?room=`, a PeerJS key: the proxy sends the room here, so its owner is asked to hand it
   * over), or a join on a connection that named no room (a seed client: never moves a room).
   */
  admit(roomId: string, asked: 'routed' | 'join'): Promise<Admission>;
  /** Whether this node serves the room now, without waiting. */
  isHere(roomId: string): boolean;
  /**
   * Where to forward a connection for the room: the address of another live node that holds it since it
   * moved there (so that a proxy's flap does not move it back), or undefined: serve it here.
   */
  forwardTo(roomId: string): Promise<string | undefined>;
}

export const singleNode: RoomHome = {
  admit: () => Promise.resolve({ ok: true }),
  isHere: () => true,
  forwardTo: () => Promise.resolve(undefined),
};
