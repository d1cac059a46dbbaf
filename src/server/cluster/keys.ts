/** Redis keys of a Parley cluster. One Redis, one prefix: several clusters may share a Redis by prefix. */
export const keys = {
  /** A node instance is live while this exists (value: its address, for a quick check that it died). */
  live: (instance: string) => `parley:live:${instance}`,
  livePrefix: 'parley:live:',
  /** Which node instance owns a room. */
  owner: (roomId: string) => `parley:owner:${roomId}`,
  /**
   * A room that moved stays where it moved to while it lives (value: its owner instance): a node the proxy
   * sends it to again (a flap) forwards its connections there instead of taking it back.
   */
  hold: (roomId: string) => `parley:hold:${roomId}`,
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
 * A room taken from another node is held here (it moved: it does not move back while it lives); so is one
 * whose owner handed it over on our asking (ARGV[4] = '1': its key is gone by now).
 * KEYS[1] owner key, KEYS[2] hold key; ARGV: me, ttl ms, live key prefix, moved.
 */
export const claimScript = `
local owner = redis.call('GET', KEYS[1])
if owner and owner ~= ARGV[1] and redis.call('EXISTS', ARGV[3] .. owner) == 1 then
  return {0, owner}
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if (owner and owner ~= ARGV[1]) or ARGV[4] == '1' then redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2]) end
return {1, owner or ''}
`;

/**
 * Where to send a connection for a room held by another live node: [owner's address] or nothing.
 * KEYS[1] owner key, KEYS[2] hold key; ARGV: me, live key prefix.
 */
export const heldScript = `
local owner = redis.call('GET', KEYS[1])
if not owner or owner == ARGV[1] or redis.call('GET', KEYS[2]) ~= owner then return {} end
local url = redis.call('GET', ARGV[2] .. owner)
if not url then return {} end
return {url}
`;

/**
 * Keeps our rooms ours: extends each owner key that still names us (and its hold, if it has one), writes
 * back those Redis lost (it restarted empty: nobody else can have claimed them), and answers the indexes
 * (1-based, of rooms) of those another node holds now. KEYS: owner key, hold key of each room; ARGV: me, ttl ms.
 */
export const refreshScript = `
local lost = {}
for i = 1, #KEYS, 2 do
  local owner = redis.call('GET', KEYS[i])
  if owner == ARGV[1] then
    redis.call('PEXPIRE', KEYS[i], ARGV[2])
    if redis.call('GET', KEYS[i + 1]) == ARGV[1] then redis.call('PEXPIRE', KEYS[i + 1], ARGV[2]) end
  elseif not owner then
    redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2])
  else
    table.insert(lost, (i + 1) / 2)
  end
end
return lost
`;

/** Lets a room go, and its hold, if they are still ours. KEYS[1] owner key, KEYS[2] hold key; ARGV[1] me. */
export const releaseScript = `
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
