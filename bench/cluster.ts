// bench:cluster: a real cluster (redis-server, Parley nodes, nginx in front), once with one node and once
// with three, loaded by simulated participants spread over many rooms; then, on the three nodes, a node
// killed with -9 several times. Prints JSON. Knobs: ROOMS, PER_ROOM, CONCURRENCY, FANOUT_RATE, KILLS,
// KILL_ROOMS (rooms on the killed node), KILL_PER_ROOM.
import os from 'node:os';
import { startCluster, type TestCluster } from '../test/support/cluster.js';
import { killOnce, type KillResult } from './cluster/kills.js';
import { round } from './cluster/measure.js';
import { measureCluster, type LoadOptions } from './cluster/phase.js';

const knob = (name: string, fallback: number, min = 1): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number >= ${min}`);
  return value;
};
const load: LoadOptions = {
  rooms: knob('ROOMS', 150),
  perRoom: knob('PER_ROOM', 4, 2),
  concurrency: knob('CONCURRENCY', 48),
  fanOutPerSecond: knob('FANOUT_RATE', 100),
};
const kills = knob('KILLS', 5, 0);
const killRooms = knob('KILL_ROOMS', 4);
const killPerRoom = knob('KILL_PER_ROOM', 3, 2);

// Every simulated participant comes through nginx from 127.0.0.1: per-address caps would refuse them.
const nodeEnv = {
  MAX_CONNECTIONS_PER_IP: '0',
  ROOM_CAPACITY: String(Math.max(8, load.perRoom + 1)),
  // For the live heap after a full collection (see liveHeapBytes).
  NODE_OPTIONS: '--inspect=127.0.0.1:0',
};
const log = (message: string) => process.stderr.write(`# ${message}\n`);
const started = Date.now();
const loadAverageAtStart = os.loadavg().map((value) => round(value, 1));

async function withCluster<T>(nodes: number, run: (cluster: TestCluster) => Promise<T>): Promise<T> {
  const cluster = await startCluster(nodes, nodeEnv);
  try {
    return await run(cluster);
  } finally {
    await cluster.close();
  }
}

log(`one node: ${load.rooms} rooms of ${load.perRoom}`);
const single = await withCluster(1, (cluster) => measureCluster(cluster, load));
log(`one node: ${single.joinsPerSecond} joins/s`);
const killResults: KillResult[] = [];
const three = await withCluster(3, async (cluster) => {
  log(`three nodes: ${load.rooms} rooms of ${load.perRoom}`);
  const measured = await measureCluster(cluster, load);
  log(`three nodes: ${measured.joinsPerSecond} joins/s`);
  for (let index = 0; index < kills; index++) {
    const victim = cluster.nodes[index % cluster.nodes.length]?.name ?? '';
    const result = await killOnce(cluster, victim, `kill-${index}`, killRooms, killPerRoom);
    log(`kill ${index + 1}: ${victim}'s ${result.rooms} rooms re-formed in ${result.allRoomsMs} ms`);
    killResults.push(result);
    await cluster.restartNode(victim);
  }
  return measured;
});

const killTimes = killResults.map((result) => result.allRoomsMs).sort((a, b) => a - b);
const median = (values: number[]) =>
  values.length === 0
    ? null
    : values.length % 2
      ? (values[(values.length - 1) / 2] ?? null)
      : ((values[values.length / 2 - 1] ?? 0) + (values[values.length / 2] ?? 0)) / 2;
console.log(
  JSON.stringify(
    {
      benchmark: 'cluster',
      description:
        'redis-server + nginx (hash by room) + Parley nodes on this machine; simulated participants (PeerJS socket + socket.io, as the page) through nginx',
      machine: { cores: os.cpus().length, loadAverageAtStart },
      load,
      single,
      three,
      joinsPerSecondRatio: round(three.joinsPerSecond / single.joinsPerSecond, 2),
      aim: '3 nodes >= 2.5 x 1 node',
      kills: {
        count: killResults.length,
        roomsPerKill: killRooms,
        participantsPerRoom: killPerRoom,
        // From the kill to the last room of that node re-formed (everyone seated again with everyone).
        reformMs: { median: median(killTimes), worst: killTimes.at(-1) ?? null },
        roomReformMs: killResults.flatMap((result) => result.roomMs.map((time) => round(time, 0))),
        spuriousLeaveOrJoinEvents: killResults.reduce((sum, result) => sum + result.spuriousEvents, 0),
        partialResumes: killResults.reduce((sum, result) => sum + result.partialResumes, 0),
        each: killResults.map(({ node, allRoomsMs, roomMs, spuriousEvents, partialResumes, extraResumes }) => ({
          node,
          allRoomsMs,
          roomMs: roomMs.map((time) => round(time, 0)),
          spuriousEvents,
          partialResumes,
          extraResumes,
        })),
      },
      totalSeconds: round((Date.now() - started) / 1000, 0),
    },
    null,
    2,
  ),
);
process.exit(0);
