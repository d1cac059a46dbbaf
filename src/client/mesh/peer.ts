import { Peer } from 'peerjs';

/** A stock PeerJS client on this server's `/peerjs`, as the seed's own client connects too. */
export function createPeer(peerId: string): Peer {
  const secure = location.protocol === 'https:';
  return new Peer(peerId, {
    host: location.hostname,
    port: Number(location.port) || (secure ? 443 : 80),
    path: '/peerjs',
    secure,
    // Replaces PeerJS's default list, which points at public servers. One transport for audio and
    // video: half the candidates and one DTLS handshake per call.
    config: { iceServers: [], bundlePolicy: 'max-bundle' },
    debug: 1,
  });
}
