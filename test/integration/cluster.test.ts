// test-timeout: 180
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { ClusterParticipant, until } from '../support/clusterClient.js';

/** Rooms re-form within this after their node died (the promise). */
const reformMs = 5000;

describe('a cluster: three nodes behind nginx, on Redis', () => {
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

  it('spreads rooms over the nodes, serves each room from one node, and names the node everywhere', async () => {
    const rooms = Array.from({ length: 12 }, (_unused, index) => `spread-room-${index}`);
    const owners = new Map<string, string>();
    for (const roomId of rooms) owners.set(roomId, await cluster.nodeOf(roomId));
    assert.ok(new Set(owners.values()).size >= 2, `12 rooms on more than one node: ${[...owners.values()].join(',')}`);
    // Both people of a room are seated by the node its page came from, and only there.
    for (const roomId of rooms.slice(0, 4)) {
      await person(roomId, 'Ada').join();
      const joined = await person(roomId, 'Bo').join();
      assert.equal(joined.members.length, 1);
    }
    for (const roomId of rooms.slice(0, 4)) {
      const owner = cluster.node(owners.get(roomId) ?? '');
      const text = await (await fetch(`${owner.server.metricsUrl}/metrics`)).text();
      assert.match(text, new RegExp(`parley_participants\\{node="${owner.name}"\\} [2-8]`));
    }
    const total = await Promise.all(
      cluster.nodes.map(async (node) => {
        const text = await (await fetch(`${node.server.metricsUrl}/metrics`)).text();
        return Number(/parley_participants\{node="[^"]+"\} (\d+)/.exec(text)?.[1] ?? 0);
      }),
    );
    assert.equal(
      total.reduce((sum, count) => sum + count, 0),
      8,
      'every participant is counted once, by one node',
    );
    const health = await fetch(`${cluster.url}/readyz`);
    assert.equal(health.status, 200);
    assert.ok(health.headers.get('x-parley-node'), 'every answer names its node');
  });

  it('re-forms a room whose node is killed (-9) within 5 s: same seats, chat intact, nobody seen leaving', async () => {
    const roomId = 'kill-room';
    const owner = await cluster.nodeOf(roomId);
    const [ada, bo, cy] = [person(roomId, 'Ada'), person(roomId, 'Bo'), person(roomId, 'Cy')];
    for (const participant of [ada, bo, cy]) await participant.join();
    const first = await ada.socket.emitWithAck('chat-message', { clientId: 'c1', text: 'before the crash' });
    const second = await bo.socket.emitWithAck('chat-message', { clientId: 'c2', text: 'me too' });
    assert.ok(first.ok && second.ok);
    const joinsBefore = [ada, bo, cy].map((participant) => participant.joins.length);

    const killedAt = Date.now();
    await cluster.node(owner).server.stop('SIGKILL');
    await until(
      () => [ada, bo, cy].every((participant, index) => participant.joins.length > (joinsBefore[index] ?? 0)),
      reformMs,
      'everyone took their seat back',
    );
    const reformed = Date.now() - killedAt;
    process.stdout.write(`# room re-formed ${reformed} ms after its node was killed\n`);
    for (const participant of [ada, bo, cy]) {
      assert.deepEqual(participant.eventsSince(killedAt), [], `${participant.name} saw nobody leave or arrive`);
      const resumed = participant.joins.at(-1)?.room;
      assert.equal(resumed?.members.length, 2, `${participant.name} is back with the two others`);
    }
    const newOwner = await cluster.nodeOf(roomId);
    assert.notEqual(newOwner, owner);
    // A newcomer sees everyone and the whole history.
    const dee = person(roomId, 'Dee');
    const joined = await dee.join();
    assert.deepEqual(
      joined.members.map((member) => member.name).sort(),
      ['Ada', 'Bo', 'Cy'],
      'the newcomer sees everyone',
    );
    assert.deepEqual(
      joined.chat.map((message) => message.text),
      ['before the crash', 'me too'],
      'no chat message was lost',
    );
    // And a message after the move gets the next id: ids stay in order across nodes.
    const third = await cy.socket.emitWithAck('chat-message', { clientId: 'c3', text: 'after' });
    assert.ok(third.ok && second.ok && Number(third.data.id) > Number(second.data.id));
  });
});
