// One cluster's measurements for bench:cluster: joins per second, fan-out inside rooms, Redis operations per
// join, memory per participant on each node, and where the CPU went while the participants arrived.
import { liveHeapBytes } from '../../test/support/server.js';
import type { TestCluster } from '../../test/support/cluster.js';
import { arriveAll, fanOut, leave } from './load.js';
import {
  callsBetween,
  childrenOf,
  cpuSeconds,
  machineTicks,
  ownCpuSeconds,
  participantsOn,
  redisCommandCalls,
  round,
  rssKiB,
  sleep,
  summary,
} from './measure.js';

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

export interface LoadOptions {
  rooms: number;
  perRoom: number;
  concurrency: number;
  fanOutPerSecond: number;
}

interface NodeMemory {
  rssKiB: number;
  heapBytes: number;
}

async function memoryOf(cluster: TestCluster): Promise<NodeMemory[]> {
  const readings: NodeMemory[] = [];
  for (const node of cluster.nodes) {
    // The heap first: its full collection also returns garbage's pages, which RSS would otherwise count.
    const heapBytes = await liveHeapBytes(node.server);
    readings.push({ rssKiB: await rssKiB(node.server.process.pid ?? 0), heapBytes });
  }
  return readings;
}

/** CPU seconds so far of everything the benchmark runs: itself, each node, nginx's worker, Redis. */
async function cpuOf(cluster: TestCluster) {
  const nginxWorkers = await childrenOf(cluster.nginx.process.pid);
  const nginx = (await Promise.all(nginxWorkers.map((pid) => cpuSeconds(pid)))).reduce((sum, s) => sum + s, 0);
  return {
    loadGenerator: ownCpuSeconds(),
    nodes: await Promise.all(cluster.nodes.map((node) => cpuSeconds(node.server.process.pid))),
    nginx,
    redis: await cpuSeconds(cluster.redis.process.pid),
    machine: await machineTicks(),
  };
}

export async function measureCluster(cluster: TestCluster, options: LoadOptions) {
  const nodeCount = cluster.nodes.length;
  // Warm-up: the nodes' code paths compiled by V8, the first connections through nginx made.
  const warm = await arriveAll(cluster.url, `warm-${nodeCount}`, 20, 2, 8);
  for (const member of warm.members) leave(member);
  await sleep(1500);

  const memoryBefore = await memoryOf(cluster);
  const callsBefore = await redisCommandCalls(cluster.redis.url);
  const cpuBefore = await cpuOf(cluster);
  const arrivals = await arriveAll(
    cluster.url,
    `load-${nodeCount}`,
    options.rooms,
    options.perRoom,
    options.concurrency,
  );
  const cpuAfter = await cpuOf(cluster);
  const callsAfter = await redisCommandCalls(cluster.redis.url);
  const joins = arrivals.members.length;

  const chat = await fanOut(arrivals.members, 'chat', options.fanOutPerSecond);
  const hand = await fanOut(arrivals.members, 'hand', options.fanOutPerSecond);

  // Redis while nothing happens but the rooms being held (owner and live keys renewed every second).
  await sleep(1000);
  const idleBefore = await redisCommandCalls(cluster.redis.url);
  await sleep(3000);
  const idleAfter = await redisCommandCalls(cluster.redis.url);
  const memoryAfter = await memoryOf(cluster);
  const counts = await Promise.all(cluster.nodes.map((node) => participantsOn(node.server.metricsUrl)));
  for (const member of arrivals.members) leave(member);

  const joinCalls = callsBetween(callsBefore, callsAfter);
  const totalJoinCalls = joinCalls.reduce((sum, [, calls]) => sum + calls, 0);
  const idleCalls = callsBetween(idleBefore, idleAfter).reduce((sum, [, calls]) => sum + calls, 0);
  const seconds = arrivals.seconds;
  // Every room is claimed in the first round of arrivals, so its renewals run for about the whole phase.
  const renewalCalls = (idleCalls / 3) * seconds;
  const busyCores = (cpuAfter.machine.busy - cpuBefore.machine.busy) / 100 / seconds;
  const share = (after: number, before: number) => round((after - before) / seconds, 2);
  return {
    nodes: nodeCount,
    participants: joins,
    rooms: options.rooms,
    joinSeconds: round(seconds, 2),
    joinsPerSecond: round(joins / seconds, 0),
    arriveMs: summary(arrivals.arriveMs),
    joinAckMs: summary(arrivals.ackMs),
    fanOut: {
      chat: { toEveryoneMs: summary(chat.toAllMs), eachMemberMs: summary(chat.eachMs), missing: chat.missing },
      hand: { toEveryoneMs: summary(hand.toAllMs), eachMemberMs: summary(hand.eachMs), missing: hand.missing },
    },
    redis: {
      // Net of the renewals of the rooms held meanwhile (measured afterwards, idle, with every room held).
      opsPerJoin: round((totalJoinCalls - renewalCalls) / joins, 1),
      opsPerJoinWithRenewals: round(totalJoinCalls / joins, 1),
      byCommandPerJoinWithRenewals: Object.fromEntries(
        joinCalls.map(([command, calls]) => [command, round(calls / joins, 2)]),
      ),
      idleOpsPerSecond: round(idleCalls / 3, 0),
      idleOpsPerRoomPerSecond: round(idleCalls / 3 / options.rooms, 2),
    },
    perNode: cluster.nodes.map((node, index) => {
      const count = counts[index] ?? NaN;
      const before = memoryBefore[index];
      const after = memoryAfter[index];
      const perParticipant = (delta: number) => (count > 0 ? round(delta / count, 1) : null);
      return {
        node: node.name,
        participants: count,
        rssMiB: round((after?.rssKiB ?? NaN) / 1024),
        rssKiBPerParticipant: perParticipant((after?.rssKiB ?? NaN) - (before?.rssKiB ?? NaN)),
        liveHeapKiBPerParticipant: perParticipant(((after?.heapBytes ?? NaN) - (before?.heapBytes ?? NaN)) / 1024),
      };
    }),
    // Cores each part kept busy while the participants arrived (2 cores here, shared with other work).
    coresBusyDuringJoins: {
      machine: round(busyCores, 2),
      loadGenerator: share(cpuAfter.loadGenerator, cpuBefore.loadGenerator),
      nodes: cpuAfter.nodes.map((after, index) => share(after, cpuBefore.nodes[index] ?? 0)),
      nginx: share(cpuAfter.nginx, cpuBefore.nginx),
      redis: share(cpuAfter.redis, cpuBefore.redis),
    },
    // CPU time per join, whatever else the machine was doing: what a join costs each part.
    cpuMsPerJoin: {
      nodes: round((sum(cpuAfter.nodes) - sum(cpuBefore.nodes)) * (1000 / joins), 2),
      loadGenerator: round((cpuAfter.loadGenerator - cpuBefore.loadGenerator) * (1000 / joins), 2),
      nginx: round((cpuAfter.nginx - cpuBefore.nginx) * (1000 / joins), 2),
      redis: round((cpuAfter.redis - cpuBefore.redis) * (1000 / joins), 2),
    },
  };
}
