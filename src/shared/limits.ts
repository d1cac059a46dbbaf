/** Limits shared by the server and the client: both sides enforce them. */
export const limits = {
  roomIdMin: 3,
  roomIdMax: 64,
  peerIdMax: 64,
  nameMax: 48,
  defaultRoomCapacity: 8,
  /** Characters in one chat message. */
  chatMax: 2000,
  /** Chat messages a room keeps for late joiners, while anyone is in it. */
  chatHistory: 200,
  /** Bytes of chat history one join acknowledgement carries at most (the newest messages that fit). */
  chatHistoryBytes: 64 * 1024,
  /** A client's own id for a message, so a retried send is not posted twice. */
  chatClientIdMax: 64,
  /** Characters of a room's passcode. */
  passcodeMax: 64,
  /** People waiting in one room's lobby at once. */
  lobbyMax: 50,
  /** The largest tile side a view-size report may name, in device pixels (an 8K screen is 7680). */
  viewSizeMax: 16_384,
} as const;

/** Room names that would collide with the server's own paths. */
export const reservedRoomIds: ReadonlySet<string> = new Set([
  'peerjs',
  'socket.io',
  'assets',
  'healthz',
  'readyz',
  'metrics',
  'favicon.ico',
  'favicon.svg',
  'robots.txt',
]);
