import { randomBytes, randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import type { ChatMessage, JoinedRoom, Knocking } from '../../src/shared/events.js';
import type { TestSocket } from './clients.js';

/** Refusals a page retries (its PeerJS socket not back yet, the room still moving, a held old connection). */
const transient = new Set(['peer-not-connected', 'shutting-down', 'peer-id-taken', 'rate-limited']);

/**
 * A participant as Parley's page behaves towards the server, through a cluster's front: both connections
 * name the room, both come back by themselves when they drop, and the page takes its seat back with its
 * resume token. Everything the server tells it about others is recorded, with the time.
 */
export class ClusterParticipant {
  readonly peerId = randomUUID();
  readonly token = randomBytes(18).toString('base64url');
  readonly socket: TestSocket;
  /** Who this participant believes is in the room (besides itself), from joins and events. */
  readonly roster = new Set<string>();
  readonly events: { at: number; event: 'user-connected' | 'user-disconnected'; peerId: string }[] = [];
  readonly chat: ChatMessage[] = [];
  /** Every successful join, first and resumed, with its time. */
  readonly joins: { at: number; room: JoinedRoom }[] = [];
  /** The lobby as this participant last heard it (hosts only). */
  lobby: Knocking[] = [];
  /** Knocks answered, and hosts' decisions, with their times. */
  readonly knocks: { at: number; ok: boolean }[] = [];
  readonly decisions: { at: number; admitted: boolean }[] = [];
  private knocking = false;
  private resumeToken: string | undefined;
  private peer?: WebSocket;
  private peerOpen = false;
  private closed = false;

  constructor(
    private readonly front: string,
    readonly roomId: string,
    readonly name: string,
    /** Sent with both connections (a client can send any header: a hostile case). */
    private readonly headers: Record<string, string> = {},
  ) {
    this.socket = io(front, {
      query: { room: roomId },
      extraHeaders: headers,
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      timeout: 5000,
    });
    this.socket.on('user-connected', (peerId) => {
      this.events.push({ at: Date.now(), event: 'user-connected', peerId });
      this.roster.add(peerId);
    });
    this.socket.on('user-disconnected', (peerId) => {
      this.events.push({ at: Date.now(), event: 'user-disconnected', peerId });
      this.roster.delete(peerId);
    });
    this.socket.on('chat-message', (message) => this.chat.push(message));
    // A page reconnects when the server closes its connection too (a node stopping, a room moving).
    this.socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect' && !this.closed) setTimeout(() => this.socket.connect(), 100);
    });
    this.socket.on('lobby-updated', (waiting) => {
      this.lobby = waiting;
    });
    this.socket.on('lobby-decision', (decision) => {
      this.decisions.push({ at: Date.now(), ...decision });
      if (decision.admitted) this.knocking = false;
    });
    this.socket.on('connect', () => {
      // A participant closed while it was taking its seat back stops trying: nothing to report.
      if (this.resumeToken) this.join().catch((error: unknown) => this.closed || Promise.reject(error));
      // A knock lives on its connection: the page knocks again after a reconnection.
      else if (this.knocking) void this.knock().catch(() => undefined);
    });
    this.openPeer();
  }

  private openPeer(): void {
    if (this.closed) return;
    const url = `${this.front.replace('http', 'ws')}/peerjs/peerjs?key=${this.roomId}&id=${this.peerId}&token=${this.token}`;
    const peer = new WebSocket(url, { headers: this.headers });
    this.peer = peer;
    peer.on('message', (data: Buffer) => {
      if ((JSON.parse(data.toString()) as { type: string }).type === 'OPEN') this.peerOpen = true;
    });
    peer.on('error', () => undefined);
    peer.once('close', () => {
      this.peerOpen = false;
      if (!this.closed) setTimeout(() => this.openPeer(), 200);
    });
  }

  /** Joins (or takes the seat back), retrying what a page retries, until it is in or 15 s passed. */
  async join(): Promise<JoinedRoom> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (this.closed) throw new Error('closed');
      if (Date.now() > deadline) throw new Error(`${this.name} could not join ${this.roomId}`);
      if (!this.socket.connected || !this.peerOpen) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      const result = await this.socket
        .timeout(5000)
        .emitWithAck('join-room', this.roomId, this.peerId, {
          name: this.name,
          peerToken: this.token,
          ...(this.resumeToken ? { resume: this.resumeToken } : {}),
        })
        .catch(() => undefined);
      if (result?.ok) {
        this.resumeToken = result.data.resumeToken;
        if (result.data.lobby) this.lobby = result.data.lobby;
        this.joins.push({ at: Date.now(), room: result.data });
        for (const member of result.data.members) this.roster.add(member.peerId);
        return result.data;
      }
      if (result && !transient.has(result.error.code)) {
        throw new Error(`${this.name}: ${result.error.code}: ${result.error.message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Asks to be let in (as a page at a knock-to-join room), and knocks again after every reconnection. */
  async knock(): Promise<void> {
    this.knocking = true;
    await until(() => this.socket.connected && this.peerOpen, 10_000, `${this.name}'s connections`);
    const result = await this.socket
      .timeout(5000)
      .emitWithAck('knock', this.roomId, this.peerId, { name: this.name, peerToken: this.token });
    this.knocks.push({ at: Date.now(), ok: result.ok });
    if (!result.ok) throw new Error(`${this.name}: ${result.error.code}: ${result.error.message}`);
  }

  /** One join request once both connections are up, with extra options (a passcode): its answer as it is. */
  async joinOnce(extra: Record<string, unknown>): Promise<{ ok: boolean; code?: string }> {
    await until(() => this.socket.connected && this.peerOpen, 10_000, `${this.name}'s connections`);
    const result = await this.socket
      .timeout(5000)
      .emitWithAck('join-room', this.roomId, this.peerId, { name: this.name, peerToken: this.token, ...extra });
    if (result.ok) this.resumeToken = result.data.resumeToken;
    return result.ok ? { ok: true } : { ok: false, code: result.error.code };
  }

  /** Events about others seen since a moment. */
  eventsSince(at: number): { event: string; peerId: string }[] {
    return this.events.filter((entry) => entry.at >= at);
  }

  close(): void {
    this.closed = true;
    this.socket.disconnect();
    this.peer?.terminate();
  }
}

/** Waits until `condition` holds, checking every 25 ms; fails after `timeoutMs`. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
