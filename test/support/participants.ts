import { after, before } from 'node:test';
import type { JoinedRoom } from '../../src/shared/events.js';
import {
  connectPeer,
  connectSocket,
  startTestServer,
  type PeerClient,
  type TestClock,
  type TestServer,
  type TestSocket,
} from './clients.js';

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
    const result = await participant.socket.emitWithAck('join-room', roomId, participant.peer.id, {
      ...(name ? { name } : {}),
      peerToken: participant.peer.token,
    });
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

/**
 * Registers before/after hooks for the calling describe(): the real app on a free port and a set of
 * participants closed at the end.
 */
export function useTestServer(
  env: Record<string, string> = {},
  clock?: TestClock,
): { readonly server: TestServer; people: Participants } {
  let server: TestServer | undefined;
  const people = new Participants(() => {
    if (!server) throw new Error('the server is not started: use it inside a test');
    return server.url;
  });
  before(async () => {
    server = await startTestServer(env, clock);
  });
  after(async () => {
    await people.closeAll();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('the server is not started: use it inside a test');
      return server;
    },
    people,
  };
}
