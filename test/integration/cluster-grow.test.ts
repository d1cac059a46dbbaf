// test-timeout: 180
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { ClusterParticipant, until } from '../support/clusterClient.js';

describe('a cluster that takes a new node in', () => {
  let cluster: TestCluster;
  const participants: ClusterParticipant[] = [];
  const person = (roomId: string, name: string) => {
    const participant = new ClusterParticipant(cluster.url, roomId, name);
    participants.push(participant);
    return participant;
  };

  before(async () => {
    cluster = await startCluster(3);
  });
  after(async () => {
    for (const participant of participants) participant.close();
    await cluster?.close();
  });

  it('takes a new node in while rooms are live, and never splits a room: every member sees the same roster', async () => {
    // Which rooms the new node will take depends on its port (nginx hashes the servers' addresses): start it
    // first, ask a second nginx that has it which rooms it would get, then make live rooms of both kinds.
    const added = await cluster.startNode();
    const candidates = Array.from({ length: 80 }, (_unused, index) => `grow-room-${index}`);
    const routes = await cluster.routesWith(cluster.nodes, candidates);
    const toMove = candidates.filter((roomId) => routes.get(roomId) === added.name).slice(0, 4);
    const toStay = candidates.filter((roomId) => routes.get(roomId) !== added.name).slice(0, 6);
    assert.ok(toMove.length > 0, `the new node would take some of ${candidates.length} rooms`);
    const rooms = [...toMove, ...toStay];
    const members = new Map<string, ClusterParticipant[]>();
    const before = new Map<string, string>();
    for (const roomId of rooms) {
      const pair = [person(roomId, 'Ada'), person(roomId, 'Bo')];
      for (const participant of pair) await participant.join();
      members.set(roomId, pair);
      before.set(roomId, await cluster.routeOf(roomId));
    }
    const addedAt = Date.now();
    await cluster.addNode(added);
    // nginx takes its new configuration in a moment, worker by worker: wait until the front routes as the
    // probe said it would.
    const routedAsProbed = async () => {
      for (const roomId of rooms) {
        if ((await cluster.routeOf(roomId)) !== (toMove.includes(roomId) ? added.name : before.get(roomId))) {
          return false;
        }
      }
      return true;
    };
    const deadline = Date.now() + 10_000;
    while (!(await routedAsProbed()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(await routedAsProbed(), 'the front routes as the probe said, once reloaded');
    for (const roomId of rooms) {
      const pair = members.get(roomId) ?? [];
      const newcomer = person(roomId, 'Cy');
      const joined = await newcomer.join();
      assert.deepEqual(joined.members.map((member) => member.name).sort(), ['Ada', 'Bo'], `${roomId}: one room`);
      pair.push(newcomer);
    }
    for (const roomId of rooms) {
      const trio = members.get(roomId) ?? [];
      await until(
        () => trio.every((participant) => participant.roster.size === 2),
        5000,
        `${roomId}: everyone sees the two others`,
      );
      for (const participant of trio) {
        const others = trio.filter((other) => other !== participant).map((other) => other.peerId);
        assert.deepEqual([...participant.roster].sort(), others.sort(), `${roomId}: ${participant.name}'s roster`);
        assert.ok(
          participant.eventsSince(addedAt).every((entry) => entry.event !== 'user-disconnected'),
          `${roomId}: ${participant.name} saw nobody leave`,
        );
      }
      const expected = toMove.includes(roomId) ? added.name : before.get(roomId);
      assert.equal(await cluster.nodeOf(roomId), expected, `${roomId} is served by ${expected}`);
    }
    process.stdout.write(`# ${toMove.length} of ${rooms.length} rooms moved to the new node\n`);
  });
});
