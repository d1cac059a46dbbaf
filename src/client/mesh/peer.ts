import { Peer } from 'peerjs';

/** Messages the Peer keeps for a connection it does not know yet (a call deferred until we joined). */
const lostMessageLimits = { connections: 32, perConnection: 64 } as const;

/**
 * A stock PeerJS client on this server's `/peerjs`, as the seed's own client connects too. Parley's client
 * chooses its own secret token (it proves, when joining, that the id is ours) and names its room as the key,
 * so the room is known on this connection from its first request.
 */
export function createPeer(peerId: string, { token, roomId }: { token: string; roomId: string }): Peer {
  const secure = location.protocol === 'https:';
  const peer = new Peer(peerId, {
    host: location.hostname,
    port: Number(location.port) || (secure ? 443 : 80),
    path: '/peerjs',
    secure,
    key: roomId,
    token,
    // Replaces PeerJS's default list, which points at public servers. One transport for audio and
    // video: half the candidates and one DTLS handshake per call.
    config: { iceServers: [], bundlePolicy: 'max-bundle' },
    // The server hears the page itself this often (it tells a stall from a vanished page by it).
    pingInterval: 1500,
    debug: 1,
  });
  boundLostMessages(peer);
  return peer;
}

/**
 * The stock client keeps every signaling message for a connection id it does not know, for ever: a
 * roommate could grow this tab's memory without limit. The server relays only messages of calls it saw
 * offered, with bounded candidates; this bounds what is kept here too, whatever arrives.
 */
function boundLostMessages(peer: Peer): void {
  // Private members of peerjs 1.5 (checked against its source); if a later version lacks them, nothing changes.
  const internals = peer as unknown as {
    _storeMessage?: (connectionId: string, message: unknown) => void;
    _lostMessages?: Map<string, unknown[]>;
  };
  const store = internals._storeMessage?.bind(peer);
  const lost = internals._lostMessages;
  if (!store || !(lost instanceof Map)) return;
  internals._storeMessage = (connectionId, message) => {
    const kept = lost.get(connectionId);
    if (kept ? kept.length >= lostMessageLimits.perConnection : lost.size >= lostMessageLimits.connections) return;
    store(connectionId, message);
  };
}

/** A secret for the PeerJS socket: 192 random bits, in the letters PeerJS and the server accept. */
export function peerToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
