// bench:cluster's failure part: rooms on one node, that node killed with -9, and the time until every
// participant of those rooms has its seat back on the new owner with everyone else (the room re-formed).
import { ClusterParticipant, until } from '../../test/support/clusterClient.js';
import type { TestCluster } from '../../test/support/cluster.js';
import { round, sleep } from './measure.js';

/** How long the rooms are left in their call before the kill. */
const settleMs = 500;

/** Who `person` sees in the room now: its last join's members, then the arrivals and leaves since. */
function rosterNow(person: ClusterParticipant): Set<string> {
  const last = person.joins.at(-1);
  const roster = new Set(last?.room.members.map((member) => member.peerId) ?? []);
  for (const { event, peerId } of person.eventsSince(last?.at ?? 0)) {
    if (event === 'user-connected') roster.add(peerId);
    else roster.delete(peerId);
  }
  return roster;
}

export interface KillResult {
  node: string;
  rooms: number;
  participants: number;
  /** Per room: from the kill to the last of its participants seated again with all the others. */
  roomMs: number[];
  /** The whole node's rooms: the worst of them. */
  allRoomsMs: number;
  /** Leaves or joins the participants saw for others after the kill (people who never left): should be 0. */
  spuriousEvents: number;
  /** Seats taken back whose room came back without all the others (they arrived later as newcomers). */
  partialResumes: number;
  extraResumes: number;
}

/** Room names that nginx sends to `node` now (a fresh name per try), `count` of them. */
async function roomsOn(cluster: TestCluster, node: string, prefix: string, count: number): Promise<string[]> {
  const found: string[] = [];
  const deadline = Date.now() + 30_000;
  for (let index = 0; found.length < count; index++) {
    if (Date.now() > deadline) throw new Error(`nginx sent no room to ${node} within 30 s`);
    const roomId = `${prefix}-${index}`;
    if ((await cluster.nodeOf(roomId)) === node) found.push(roomId);
  }
  return found;
}

/** Fills `rooms` rooms of `node` with `perRoom` participants, kills the node with -9 and times the re-forming. */
export async function killOnce(
  cluster: TestCluster,
  node: string,
  label: string,
  rooms: number,
  perRoom: number,
): Promise<KillResult> {
  const roomIds = await roomsOn(cluster, node, label, rooms);
  const people = roomIds.flatMap((roomId) =>
    Array.from({ length: perRoom }, (_unused, seat) => new ClusterParticipant(cluster.url, roomId, `P${seat}`)),
  );
  try {
    // One room's people in turn (each join fans out to those before), rooms side by side.
    await Promise.all(
      roomIds.map(async (roomId) => {
        for (const person of people.filter((candidate) => candidate.roomId === roomId)) await person.join();
      }),
    );
    const joinsBefore = new Map(people.map((person) => [person, person.joins.length]));
    const seatedAgain = (person: ClusterParticipant) =>
      person.joins.length > (joinsBefore.get(person) ?? 0) && rosterNow(person).size === perRoom - 1;

    // A room in a call has settled: its last join's snapshot is in Redis (it is written just after the ack).
    await sleep(settleMs);
    const killedAt = Date.now();
    await cluster.node(node).server.stop('SIGKILL');
    await until(() => people.every(seatedAgain), 30_000, `the rooms of ${node} re-formed`).catch(async (error) => {
      const waiting = people.filter((person) => !seatedAgain(person));
      const owners = await Promise.all(waiting.map((person) => cluster.nodeOf(person.roomId).catch(() => '?')));
      const detail = waiting.map(
        (person, index) =>
          `${person.roomId}/${person.name}: ${person.joins.length - (joinsBefore.get(person) ?? 0)} joins since, ` +
          `last with ${person.joins.at(-1)?.room.members.length} others, socket ${person.socket.connected ? 'up' : 'down'}, ` +
          `room now on ${owners[index]}`,
      );
      throw new Error(`${(error as Error).message}: ${detail.join('; ')}`, { cause: error });
    });
    const roomMs = roomIds.map((roomId) =>
      Math.max(
        ...people
          .filter((person) => person.roomId === roomId)
          .map((person) => (person.joins.at(-1)?.at ?? NaN) - killedAt),
      ),
    );
    return {
      node,
      rooms: roomIds.length,
      participants: people.length,
      roomMs,
      allRoomsMs: round(Math.max(...roomMs), 0),
      spuriousEvents: people.reduce((sum, person) => sum + person.eventsSince(killedAt).length, 0),
      partialResumes: people.filter((person) => person.joins.at(-1)?.room.members.length !== perRoom - 1).length,
      // More than one seat taken back per person: the room moved more than once.
      extraResumes: people.reduce(
        (sum, person) => sum + Math.max(0, person.joins.length - (joinsBefore.get(person) ?? 0) - 1),
        0,
      ),
    };
  } finally {
    for (const person of people) person.close();
  }
}
