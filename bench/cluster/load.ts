// The load of bench:cluster: participants that behave towards the server as Parley's page does (a PeerJS
// socket and a socket.io socket, both naming the room so nginx routes them to its node, then join-room with
// the PeerJS token), many at once, and the fan-out of events inside their rooms.
import { randomBytes, randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/shared/events.js';
import { sleep } from './measure.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LoadParticipant {
  roomId: string;
  peerId: string;
  socket: ClientSocket;
  peer: WebSocket;
  heartbeat: ReturnType<typeof setInterval>;
}

/** Refusals a page retries: the room is still being claimed or moving, the PeerJS socket is not seen yet. */
const transient = new Set(['peer-not-connected', 'shutting-down', 'peer-id-taken', 'rate-limited']);

/** Opens both connections through the front and takes a seat; resolves with the time the join took alone. */
export async function arrive(front: string, roomId: string): Promise<{ member: LoadParticipant; ackMs: number }> {
  const peerId = randomUUID();
  const token = randomBytes(18).toString('base64url');
  const peer = new WebSocket(`${front.replace('http', 'ws')}/peerjs/peerjs?key=${roomId}&id=${peerId}&token=${token}`);
  const peerOpen = new Promise<void>((resolve, reject) => {
    peer.once('message', () => resolve()); // OPEN
    peer.once('error', reject);
  });
  // PeerJS clients send a heartbeat every 5 s; without it the PeerServer drops them.
  const heartbeat = setInterval(() => peer.readyState === WebSocket.OPEN && peer.send('{"type":"HEARTBEAT"}'), 5000);
  const socket: ClientSocket = io(front, {
    query: { room: roomId },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  const member = { roomId, peerId, socket, peer, heartbeat };
  try {
    await Promise.all([
      peerOpen,
      new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      }),
    ]);
    for (let attempt = 0; ; attempt++) {
      const started = performance.now();
      const result = await socket.timeout(30_000).emitWithAck('join-room', roomId, peerId, { peerToken: token });
      if (result.ok) return { member, ackMs: performance.now() - started };
      if (!transient.has(result.error.code) || attempt > 50) throw new Error(`join refused: ${result.error.code}`);
      await sleep(50);
    }
  } catch (error) {
    leave(member);
    throw error;
  }
}

export function leave(member: LoadParticipant): void {
  clearInterval(member.heartbeat);
  member.socket.disconnect();
  member.peer.terminate();
}

export interface Arrivals {
  members: LoadParticipant[];
  seconds: number;
  /** Both connections opened and the join acknowledged, per participant. */
  arriveMs: number[];
  ackMs: number[];
}

/**
 * `rooms` x `perRoom` participants arrive, at most `concurrency` at a time (participant i goes to room
 * i % rooms, so every room fills round by round and each join fans out to the members already there).
 */
export async function arriveAll(
  front: string,
  prefix: string,
  rooms: number,
  perRoom: number,
  concurrency: number,
): Promise<Arrivals> {
  const total = rooms * perRoom;
  const members: LoadParticipant[] = [];
  const arriveMs: number[] = [];
  const ackMs: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const index = next++;
      const begun = performance.now();
      const arrived = await arrive(front, `${prefix}-${index % rooms}`);
      arriveMs.push(performance.now() - begun);
      ackMs.push(arrived.ackMs);
      members.push(arrived.member);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { members, seconds: (performance.now() - started) / 1000, arriveMs, ackMs };
}

/**
 * One event per room, from one member, paced at `perSecond`: the time from sending it to its arrival at
 * every other member of the room (the last of them), and at each of them. `kind` picks the event: a chat
 * message (written to Redis before it is sent on) or a raised hand (a presence change).
 */
export async function fanOut(
  members: readonly LoadParticipant[],
  kind: 'chat' | 'hand',
  perSecond: number,
): Promise<{ toAllMs: number[]; eachMs: number[]; missing: number }> {
  const byRoom = new Map<string, LoadParticipant[]>();
  for (const member of members) byRoom.set(member.roomId, [...(byRoom.get(member.roomId) ?? []), member]);
  const toAllMs: number[] = [];
  const eachMs: number[] = [];
  let missing = 0;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  let index = 0;
  for (const [roomId, room] of byRoom) {
    const [sender, ...others] = room;
    if (!sender || others.length === 0) continue;
    const due = started + (index++ * 1000) / perSecond;
    if (due > performance.now()) await sleep(due - performance.now());
    const marker = `${kind}-${roomId}`;
    const sentAt = performance.now();
    const arrivals = others.map(
      (other) =>
        new Promise<number>((resolve) => {
          const timer = setTimeout(() => resolve(NaN), 10_000);
          const done = () => {
            clearTimeout(timer);
            other.socket.off('chat-message', onChat);
            other.socket.off('participant-updated', onUpdate);
            resolve(performance.now() - sentAt);
          };
          const onChat = (message: { text: string }) => message.text === marker && done();
          const onUpdate = (participant: { peerId: string; hand: boolean }) =>
            participant.peerId === sender.peerId && participant.hand && done();
          other.socket.on('chat-message', onChat);
          other.socket.on('participant-updated', onUpdate);
        }),
    );
    if (kind === 'chat') sender.socket.emit('chat-message', { clientId: randomUUID(), text: marker });
    else sender.socket.emit('raise-hand', true);
    pending.push(
      Promise.all(arrivals).then((times) => {
        const arrived = times.filter((time) => !Number.isNaN(time));
        missing += times.length - arrived.length;
        eachMs.push(...arrived);
        if (arrived.length === times.length) toAllMs.push(Math.max(...arrived));
      }),
    );
  }
  await Promise.all(pending);
  return { toAllMs, eachMs, missing };
}
