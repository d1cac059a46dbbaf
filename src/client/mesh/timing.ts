/**
 * How long the mesh waits before it places a call again: the watchdog of calls we placed and of calls we
 * answered (mesh.ts), and the delays between attempts after a call dropped.
 */
export const meshTiming = {
  /** A first call that has produced no media after this long is placed again; later ones wait longer. */
  mediaTimeoutMs: 4000,
  /** The longest wait for media, also for a call still setting up (ICE checks, DTLS) on a busy machine. */
  maxMediaTimeoutMs: 32_000,
  /**
   * The longest wait for a call whose ICE path is up but whose DTLS handshake is not done: a few round trips
   * on a path that works, so this long means a handshake that will not finish (seen between Firefox and
   * Chromium); placing the call again does.
   */
  maxHandshakeWaitMs: 8000,
  /**
   * A call we answered from a Parley page whose DTLS handshake is still not done this long after: its
   * caller may believe it is up (the last flight of a handshake can be lost on one side only) and will not
   * place it again, so we call them; their page replaces its call with ours. Longer than the caller's own
   * rule (4 + 8 s), so that when both sides see the stall the caller's new call comes first.
   */
  answeredHandshakeWaitMs: 20_000,
  retryDelayMs: 600,
  maxRetryDelayMs: 8000,
} as const;
