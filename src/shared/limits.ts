/** Limits shared by the server and the client: both sides enforce them. */
export const limits = {
  roomIdMin: 3,
  roomIdMax: 64,
  peerIdMax: 64,
  nameMax: 48,
  defaultRoomCapacity: 8,
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
