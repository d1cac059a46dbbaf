// bench:signaling: N participants (a socket.io socket and a PeerJS socket each, rooms of 4) against one
// Parley process. Per step: server memory per participant, then join-ack and user-connected fan-out
// latency (p50/p99) of probe joins made while the N are connected. Prints JSON.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/shared/events.js';
import { liveHeapBytes, startServer, type RunningServer } from '../test/support/server.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
// Each participant holds two connections to the server, and a process here may open at most 20,000 files
// (`ulimit -Hn`, which even root cannot raise in this container): 9,500 (+ 200 probes) is the most one
// server process can hold on this machine.
const steps = (process.env.STEPS ?? '1000,2500,5000,9500').split(',').map(Number);
const rampPerSecond = Number(process.env.RAMP_RATE ?? 250);
const probeJoins = 200;
const probePerSecond = 50;
const roomSize = 4;

interface Member {
  socket: ClientSocket;
  peer: WebSocket;
  heartbeat: ReturnType<typeof setInterval>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN) : NaN;
};
const ms = (value: number) => Number(value.toFixed(1));

async function rssKiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

/** Fan-out times: when each member saw user-connected for a newcomer, keyed by the newcomer's peer id. */
const joinStartedAt = new Map<string, number>();
let fanOutSink: number[] | undefined;

async function connectMember(url: string): Promise<Member & { peerId: string }> {
  const peerId = randomUUID();
  const peer = new WebSocket(`${url.replace('http', 'ws')}/peerjs/peerjs?key=peerjs&id=${peerId}&token=t${peerId}`);
  await new Promise<void>((resolve, reject) => {
    peer.once('message', () => resolve()); // OPEN
    peer.once('error', reject);
  });
  // PeerJS clients send a heartbeat every 5 s; without it the PeerServer drops them.
  const heartbeat = setInterval(() => peer.send('{"type":"HEARTBEAT"}'), 5000);
  const socket: ClientSocket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  socket.on('user-connected', (newcomer) => {
    const started = joinStartedAt.get(newcomer);
    if (started !== undefined && fanOutSink) fanOutSink.push(performance.now() - started);
  });
  return { socket, peer, heartbeat, peerId };
}

/** Joins `count` participants into rooms of 4 at `perSecond`; returns them and their ack latencies. */
async function joinParticipants(url: string, count: number, perSecond: number, prefix: string) {
  const members: Member[] = [];
  const acks: number[] = [];
  const interval = 1000 / perSecond;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  const rooms = Math.ceil(count / roomSize);
  for (let room = 0; room < rooms; room++) {
    // Members of one room join one after another, so each join fans out to the ones before it.
    const roomId = `${prefix}-${room}`;
    const offset = room * roomSize;
    const run = async () => {
      for (let seat = 0; seat < roomSize && offset + seat < count; seat++) {
        const due = start + (offset + seat) * interval;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const member = await connectMember(url);
        members.push(member);
        const started = performance.now();
        joinStartedAt.set(member.peerId, started);
        const result = await member.socket.timeout(30_000).emitWithAck('join-room', roomId, member.peerId);
        if (!result.ok) throw new Error(`join refused: ${result.error.code}`);
        acks.push(performance.now() - started);
      }
    };
    pending.push(run());
    // Keep a bounded number of rooms in flight.
    if (pending.length >= 64) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  return { members, acks };
}

async function step(n: number) {
  // Every simulated participant comes from 127.0.0.1: the per-address cap would refuse them.
  const server: RunningServer = await startServer({
    ROOM_CAPACITY: '8',
    LOG_LEVEL: 'info',
    MAX_CONNECTIONS_PER_IP: '0',
    NODE_OPTIONS: '--inspect=127.0.0.1:0',
  });
  const pid = server.process.pid ?? 0;
  try {
    await sleep(1000);
    const baselineKiB = await rssKiB(pid);
    const baselineHeap = await liveHeapBytes(server);
    const rampStart = performance.now();
    const crowd = await joinParticipants(server.url, n, rampPerSecond, `crowd-${n}`);
    const rampSeconds = (performance.now() - rampStart) / 1000;
    await sleep(5000); // settle: heartbeats running, garbage collected
    const loadedKiB = await rssKiB(pid);
    const loadedHeap = await liveHeapBytes(server);

    fanOutSink = [];
    const probe = await joinParticipants(server.url, probeJoins, probePerSecond, `probe-${n}`);
    await sleep(500);
    const fanOut = fanOutSink;
    fanOutSink = undefined;

    for (const member of [...crowd.members, ...probe.members]) {
      clearInterval(member.heartbeat);
      member.socket.disconnect();
      member.peer.terminate();
    }
    joinStartedAt.clear();
    return {
      participants: n,
      rampSeconds: ms(rampSeconds),
      serverRssMiB: { idle: ms(baselineKiB / 1024), loaded: ms(loadedKiB / 1024) },
      serverKiBPerParticipant: ms((loadedKiB - baselineKiB) / n),
      // Live JavaScript heap after a full collection: what the participants hold, without garbage.
      liveHeapKiBPerParticipant: ms((loadedHeap - baselineHeap) / 1024 / n),
      probe: {
        joins: probe.acks.length,
        joinAckMs: { p50: ms(percentile(probe.acks, 50)), p99: ms(percentile(probe.acks, 99)) },
        fanOutMs: { deliveries: fanOut.length, p50: ms(percentile(fanOut, 50)), p99: ms(percentile(fanOut, 99)) },
      },
      rampJoinAckMs: { p50: ms(percentile(crowd.acks, 50)), p99: ms(percentile(crowd.acks, 99)) },
    };
  } finally {
    await server.stop();
  }
}

const results = [];
for (const n of steps) {
  const result = await step(n);
  results.push(result);
  console.error(JSON.stringify(result));
}
const holding = results.filter((result) => result.probe.joinAckMs.p99 < 50 && result.probe.fanOutMs.p99 < 50);
console.log(
  JSON.stringify(
    {
      benchmark: 'signaling',
      description:
        'N participants (socket.io + PeerJS socket each, rooms of 4) on one server process; probe joins made at N',
      rampJoinsPerSecond: rampPerSecond,
      probeJoinsPerSecond: probePerSecond,
      steps: results,
      largestNWithP99Under50ms: holding.length ? Math.max(...holding.map((result) => result.participants)) : null,
    },
    null,
    2,
  ),
);
process.exit(0);
