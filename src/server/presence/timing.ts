/**
 * The timing budget of presence: how the server tells a participant who is still there (a stall, a reset
 * connection, a signaling path broken while media flows) from one who is gone (a closed tab, a vanished
 * network). docs/security.md explains each number and the worst cases they add up to.
 */
export const presenceTiming = {
  /** Both channels are probed this often: socket.io pings, WebSocket pings on the PeerJS socket. */
  probeMs: 1500,
  /** socket.io closes a connection whose ping went unanswered this long (the client: probe + this). */
  pingTimeoutMs: 4500,
  /** Nothing heard on either channel for this long, and no fresh word of their media: gone. */
  silentMs: 6000,
  /** A member's report that media from someone arrives counts for this long. */
  mediaFreshMs: 4000,
  /** Reports of media alone keep someone whose channels are silent for at most this long. */
  mediaOnlyMs: 30_000,
  /**
   * A page whose scripts are silent (or whose socket.io closed) while its browser still answers WebSocket
   * pings: a starved page, late but there. Kept this long; a page frozen for good goes after it.
   */
  answeringOnlyMs: 30_000,
  /** One channel closed while the other lives: this long to open it again (a reset, a reconnect). */
  reopenMs: 6000,
  /** Both channels closed (a closed or crashed tab): gone after this much, for a page that reloads at once. */
  bothClosedMs: 1000,
  /** How often absence is decided. */
  tickMs: 500,
} as const;

export type PresenceTiming = { readonly [K in keyof typeof presenceTiming]: number };
