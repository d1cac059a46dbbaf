// test-timeout: 180
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient } from '@redis/client';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { ClusterParticipant, until } from '../support/clusterClient.js';

describe('a cluster whose Redis restarts', () => {
  let cluster: TestCluster;
  const participants: ClusterParticipant[] = [];
  const person = (roomId: string, name: string) => {
    const participant = new ClusterParticipant(cluster.url, roomId, name);
    participants.push(participant);
    return participant;
  };
  const readiness = async (url: string) => {
    const response = await fetch(`${url}/readyz`).catch(() => undefined);
    return response ? { status: response.status, body: (await response.json()) as { status: string } } : undefined;
  };

  before(async () => {
    cluster = await startCluster(3);
  });
  after(async () => {
    for (const participant of participants) participant.close();
    await cluster?.close();
  });

  it('carries on while Redis restarts: rooms go on, new joins wait and succeed, /readyz says so', async () => {
    const roomId = 'redis-room';
    const owner = await cluster.nodeOf(roomId);
    const [ada, bo] = [person(roomId, 'Ada'), person(roomId, 'Bo')];
    for (const participant of [ada, bo]) await participant.join();
    await cluster.stopRedis();
    const live = cluster.nodes.filter((node) => node.server.process.exitCode === null);
    for (const node of live) {
      let body: { status: string } | undefined;
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline && body?.status !== 'store-unavailable') {
        const answer = await readiness(node.server.url);
        body = answer?.body;
        if (body?.status !== 'store-unavailable') await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(body?.status, 'store-unavailable', `${node.name}: /readyz says Redis is away`);
    }
    // The room in progress carries on: chat is acknowledged and delivered.
    const delivered = until(() => bo.chat.some((message) => message.text === 'while redis is away'), 5000, 'chat');
    const sent = await ada.socket
      .timeout(5000)
      .emitWithAck('chat-message', { clientId: 'r1', text: 'while redis is away' });
    assert.ok(sent.ok);
    await delivered;
    // A join to a room nobody holds yet waits for Redis, and gets in once it is back.
    const cy = person('redis-new-room', 'Cy');
    const joining = cy.join();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(cy.joins.length, 0, 'no new room while Redis is away');
    await cluster.redisBack();
    await joining;
    for (const node of live) assert.equal((await readiness(node.server.url))?.status, 200);
    // Redis came back empty: the owner wrote its room back, so the room still survives its node.
    const redis = createClient({ url: cluster.redis.url });
    await redis.connect();
    try {
      const deadline = Date.now() + 5000;
      while ((await redis.xLen(`parley:chat:${roomId}`)) < 1 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(await redis.xLen(`parley:chat:${roomId}`), 1, 'the chat is back in Redis');
    } finally {
      await redis.close();
    }
    const killedAt = Date.now();
    await cluster.node(owner).server.stop('SIGKILL');
    await until(() => [ada, bo].every((participant) => participant.joins.length === 2), 5000, 'both are back');
    assert.deepEqual(ada.eventsSince(killedAt), []);
    const dee = await person(roomId, 'Dee').join();
    assert.deepEqual(dee.members.map((member) => member.name).sort(), ['Ada', 'Bo']);
    assert.deepEqual(
      dee.chat.map((message) => message.text),
      ['while redis is away'],
    );
  });
});
