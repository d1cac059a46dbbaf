/** Redis keys of a Parley cluster. One Redis, one prefix: several clusters may share a Redis by prefix. */
export const keys = {
  /** A node instance is live while this exists (value: its address, for a quick check that it died). */
  live: (instance: string) => `parley:live:${instance}`,
  livePrefix: 'parley:live:',
  /** Which node instance owns a room. */
  owner: (roomId: string) => `parley:owner:${roomId}`,
  /** What another node needs to go on with a room: its seats and its control (JSON). */
  room: (roomId: string) => `parley:room:${roomId}`,
  /** A room's chat history: a capped stream. */
  chat: (roomId: string) => `parley:chat:${roomId}`,
  /** The secret every node keys its hashes with (host keys, passcodes, device ids). */
  secret: 'parley:secret',
  /** The seats one client address holds across the cluster: a sorted set of seats, scored by their expiry. */
  seats: (address: string) => `parley:seats:${address}`,
  /** One client address's allowance of one kind across the cluster: a token bucket (tokens, updated at). */
  rate: (kind: string, address: string) => `parley:rate:${kind}:${address}`,
  /** Where a node instance hears requests to hand a room over. */
  handoff: (instance: string) => `parley:handoff:${instance}`,
} as const;

/**
 * Takes a room when nobody owns it, we do, or its owner is no longer live; answers [claimed, previous owner].
 * KEYS[1] owner key; ARGV: me, ttl ms, live key prefix.
 */
export const claimScript = `
local owner = redis.call('GET', KEYS[1])
if owner and owner ~= ARGV[1] and redis.call('EXISTS', ARGV[3] .. owner) == 1 then
  return {0, owner}
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return {1, owner or ''}
`;

/**
 * Keeps our rooms ours: extends each owner key that still names us, writes back those Redis lost (it
 * restarted empty: nobody else can have claimed them), and answers the indexes (1-based) of those another
 * node holds now. KEYS: owner keys; ARGV: me, ttl ms.
 */
export const refreshScript = `
local lost = {}
for i, key in ipairs(KEYS) do
  local owner = redis.call('GET', key)
  if owner == ARGV[1] then
    redis.call('PEXPIRE', key, ARGV[2])
  elseif not owner then
    redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
  else
    table.insert(lost, i)
  end
end
return lost
`;

/** Lets a room go, if it is still ours. KEYS[1] owner key; ARGV[1] me. */
export const releaseScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
