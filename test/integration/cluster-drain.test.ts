// test-timeout: 180
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { ClusterParticipant, until } from '../support/clusterClient.js';

describe('a cluster node drained with SIGTERM', () => {
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

  it('drains a node on SIGTERM: its rooms re-form elsewhere within 5 s, nobody sees a leave', async () => {
    const roomId = 'drain-room';
    const owner = await cluster.nodeOf(roomId);
    const people = [person(roomId, 'Ada'), person(roomId, 'Bo'), person(roomId, 'Cy')];
    for (const participant of people) await participant.join();
    const sent = await people[0]?.socket.emitWithAck('chat-message', { clientId: 'd1', text: 'before the drain' });
    assert.ok(sent?.ok);
    const stoppedAt = Date.now();
    const exit = cluster.node(owner).server.stop('SIGTERM');
    await until(() => people.every((participant) => participant.joins.length === 2), 5000, 'everyone is back');
    process.stdout.write(`# drained room re-formed in ${Date.now() - stoppedAt} ms\n`);
    assert.equal(await exit, 0, 'the drained node exits cleanly');
    for (const participant of people) {
      assert.deepEqual(participant.eventsSince(stoppedAt), [], `${participant.name} saw nobody leave or arrive`);
      assert.equal(participant.joins.at(-1)?.room.members.length, 2);
    }
    const joined = await person(roomId, 'Dee').join();
    assert.deepEqual(joined.members.map((member) => member.name).sort(), ['Ada', 'Bo', 'Cy']);
    assert.deepEqual(
      joined.chat.map((message) => message.text),
      ['before the drain'],
    );
  });
});
