import type { JoinedRoom } from '../../src/shared/events.js';
import { connectPeer, connectSocket, type PeerClient, type TestSocket } from './clients.js';

export interface TestParticipant {
  socket: TestSocket;
  peer: PeerClient;
}

/**
 * Opens participants as Parley's client does (a PeerJS id registered first, then a socket) and closes
 * them all at the end of a suite.
 */
export class Participants {
  private readonly open: TestParticipant[] = [];

  constructor(private readonly url: () => string) {}

  async connect(): Promise<TestParticipant> {
    const peer = await connectPeer(this.url());
    const socket = await connectSocket(this.url());
    const participant = { socket, peer };
    this.open.push(participant);
    return participant;
  }

  /** Connects and joins `roomId`; throws when the join is refused. */
  async join(roomId: string, name?: string): Promise<TestParticipant & { room: JoinedRoom }> {
    const participant = await this.connect();
    const result = await participant.socket.emitWithAck('join-room', roomId, participant.peer.id, name ? { name } : {});
    if (!result.ok) throw new Error(`join refused: ${result.error.code}`);
    return { ...participant, room: result.data };
  }

  async closeAll(): Promise<void> {
    for (const { socket, peer } of this.open.splice(0)) {
      socket.disconnect();
      await peer.close();
    }
  }
}
