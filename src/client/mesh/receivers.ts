/** What the receivers of the calls tell: who is speaking, and whose media still arrives. */
import { notConnectedYet } from './callSetup.js';

/**
 * The loudness of what each participant sends (0 to 1), from the last audio packets received. A call still
 * being set up counts as silent without being asked (its receivers' getters would wait for that setup).
 */
export function audioLevels(connections: ReadonlyMap<string, RTCPeerConnection>): Map<string, number> {
  const levels = new Map<string, number>();
  for (const [peerId, connection] of connections) {
    if (notConnectedYet(connection)) {
      levels.set(peerId, 0);
      continue;
    }
    const receiver = connection.getReceivers().find((candidate) => candidate.track.kind === 'audio');
    levels.set(peerId, receiver?.getSynchronizationSources()[0]?.audioLevel ?? 0);
  }
  return levels;
}

/** Per participant, when their media last arrived (the newest RTP timestamp seen on any receiver). */
export class Arrivals {
  private readonly lastPacket = new Map<string, number>();

  /** Those whose media has arrived since the last time this was asked (a new RTP packet on a receiver). */
  receivingFrom(connections: ReadonlyMap<string, RTCPeerConnection>): string[] {
    const receiving: string[] = [];
    // Those no longer connected are forgotten: a new call starts from nothing.
    for (const peerId of this.lastPacket.keys()) if (!connections.has(peerId)) this.lastPacket.delete(peerId);
    for (const [peerId, connection] of connections) {
      const newest = Math.max(
        0,
        ...connection
          .getReceivers()
          .flatMap((receiver) => receiver.getSynchronizationSources().map((source) => source.timestamp)),
      );
      if (newest > (this.lastPacket.get(peerId) ?? 0)) receiving.push(peerId);
      this.lastPacket.set(peerId, newest);
    }
    return receiving;
  }
}
