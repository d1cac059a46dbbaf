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
    const rooms = Array.from({ length: 10 }, (_unused, index) => `grow-room-${index}`);
    const members = new Map<string, ClusterParticipant[]>();
    for (const roomId of rooms) {
      const pair = [person(roomId, 'Ada'), person(roomId, 'Bo')];
      for (const participant of pair) await participant.join();
      members.set(roomId, pair);
    }
    const before = new Map<string, string>();
    for (const roomId of rooms) before.set(roomId, await cluster.nodeOf(roomId));
    const addedAt = Date.now();
    const added = await cluster.addNode();
    // Each room's page asked through the front: the rooms the new node now answers for move to it.
    // (nginx takes its new configuration in a moment, worker by worker: ask until two rounds in a row agree
    // that the new node answers for some rooms.)
    let moved: string[] = [];
    let previous = '';
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      moved = [];
      for (const roomId of rooms) if ((await cluster.nodeOf(roomId)) === added.name) moved.push(roomId);
      if (moved.length > 0 && moved.join() === previous) break;
      previous = moved.join();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(moved.length > 0, 'the new node takes some rooms');
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
      if (moved.includes(roomId)) assert.equal(await cluster.nodeOf(roomId), added.name);
      else assert.equal(await cluster.nodeOf(roomId), before.get(roomId), `${roomId} stayed where it was`);
    }
    process.stdout.write(`# ${moved.length} of ${rooms.length} rooms moved to the new node\n`);
  });
});
