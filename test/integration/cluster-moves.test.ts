// test-timeout: 180
import assert from 'node:assert/strict';
import { createClient } from '@redis/client';
import { after, before, describe, it } from 'node:test';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { ClusterParticipant, until } from '../support/clusterClient.js';

describe('what moves with a room, and when a room moves', () => {
  let cluster: TestCluster;
  let redis: ReturnType<typeof createClient>;
  const participants: ClusterParticipant[] = [];
  const person = (roomId: string, name: string) => {
    const participant = new ClusterParticipant(cluster.url, roomId, name);
    participants.push(participant);
    return participant;
  };

  before(async () => {
    cluster = await startCluster(3);
    redis = createClient({ url: cluster.redis.url });
    await redis.connect();
  });
  after(async () => {
    for (const participant of participants) participant.close();
    await redis?.close();
    await cluster?.close();
  });

  it('keeps the lobby through a kill -9: the knocker waits on at the new owner, and its host sees them', async () => {
    const roomId = 'lobby-room';
    const owner = await cluster.nodeOf(roomId);
    const host = person(roomId, 'Host');
    assert.ok((await host.join()).self.host);
    assert.ok((await host.socket.emitWithAck('host-action', { type: 'set-mode', mode: 'knock' })).ok);
    const knocker = person(roomId, 'Knocker');
    await knocker.knock();
    await until(() => host.lobby.some((entry) => entry.peerId === knocker.peerId), 5000, 'the host sees the knock');
    const since = host.lobby[0]?.since;
    // The owner's copy in Redis has the knocker (written within 250 ms of a change).
    await until(
      async () => ((await redis.get(`parley:room:${roomId}`)) ?? '').includes(knocker.peerId),
      5000,
      'the knock is in the room’s snapshot',
    );

    const [hostJoins, knocks] = [host.joins.length, knocker.knocks.length];
    await cluster.node(owner).server.stop('SIGKILL');
    await until(() => host.joins.length > hostJoins, 8000, 'the host is back');
    assert.deepEqual(
      host.joins.at(-1)?.room.lobby?.map((entry) => [entry.name, entry.since]),
      [['Knocker', since]],
      'the host’s card is there at once, in its place',
    );
    await until(() => knocker.knocks.length > knocks && knocker.knocks.at(-1)?.ok === true, 8000, 'knocked again');
    assert.deepEqual(
      host.lobby.map((entry) => entry.peerId),
      [knocker.peerId],
      'one card: the knock again took its place',
    );
    assert.ok((await host.socket.emitWithAck('host-action', { type: 'admit', peerId: knocker.peerId })).ok);
    await until(() => knocker.decisions.some((decision) => decision.admitted), 5000, 'the knocker is let in');
    const joined = await knocker.join();
    assert.deepEqual(
      joined.members.map((member) => member.name),
      ['Host'],
    );
    assert.notEqual(await cluster.nodeOf(roomId), owner);
  });
});
