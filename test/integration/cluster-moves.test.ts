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

  it('moves a room at most once when nginx flaps its node: back up, that node forwards to the room’s new node', async () => {
    const roomId = 'flap-room';
    const home = await cluster.nodeOf(roomId);
    const [ada, bo] = [person(roomId, 'Ada'), person(roomId, 'Bo')];
    for (const participant of [ada, bo]) await participant.join();
    // Who claimed the room, in the order they did (each node's log, merged by time).
    const claims = () =>
      cluster.nodes
        .flatMap((node) =>
          node.server.logs
            .filter((entry) => entry.msg === 'room claimed' && entry.roomId === roomId)
            .map((entry) => ({ node: node.name, at: Number(entry.time) })),
        )
        .sort((a, b) => a.at - b.at)
        .map((claim) => claim.node);
    assert.deepEqual(claims(), [home]);
    const flappedAt = Date.now();
    const live = cluster.nodes.filter((node) => node.server.process.exitCode === null);

    // nginx marks the node down: the room's next connection goes to the next node, which takes the room.
    await cluster.nginx.reload(live.filter((node) => node.name !== home));
    // (nginx's old worker closes its idle connections as it goes: a request may fail on one.)
    const routedTo = () => cluster.nodeOf(roomId).catch(() => 'none');
    await until(async () => ![home, 'none'].includes(await routedTo()), 10_000, 'nginx routes the room elsewhere');
    const cy = person(roomId, 'Cy');
    await cy.join();
    // (Each node's log lines reach the test through a pipe, a moment after the fact.)
    await until(() => claims().length === 2, 5000, 'the room claimed by the next node');
    const [, mover] = claims();
    const story = () =>
      JSON.stringify(
        cluster.nodes.flatMap((node) =>
          node.server.logs
            .filter((entry) => entry.roomId === roomId)
            .map((entry) => [node.name, entry.time, entry.msg, entry.reason, entry.owner, entry.previous]),
        ),
      );
    assert.ok(mover !== undefined && mover !== home, `the room moved once: ${home} ${story()}`);
    await until(() => [ada, bo, cy].every((p) => p.roster.size === 2), 8000, 'everyone together on the new node');

    // The node is back: nginx sends the room there again. The room stays; that node forwards its connections.
    await cluster.nginx.reload(live);
    await until(async () => (await routedTo()) === home, 10_000, 'nginx routes the room home again');
    const dee = person(roomId, 'Dee');
    const joined = await dee.join();
    assert.deepEqual(joined.members.map((member) => member.name).sort(), ['Ada', 'Bo', 'Cy'], 'one room');
    // A page that drops comes back through the flapped node too, to its seat.
    const adaJoins = ada.joins.length;
    ada.socket.io.engine.close();
    await until(() => ada.joins.length > adaJoins, 8000, 'Ada is back');
    await until(() => [ada, bo, cy, dee].every((p) => p.roster.size === 3), 8000, 'everyone sees everyone');
    assert.deepEqual(claims(), [home, mover], 'claimed twice in all: once at the start, once when nginx flapped');
    const owner = (await redis.get(`parley:owner:${roomId}`)) ?? '';
    assert.ok(owner.startsWith(`${mover}/`), `still owned by ${mover} (${owner})`);
    for (const participant of [ada, bo, cy]) {
      assert.ok(
        participant.eventsSince(flappedAt).every((entry) => entry.event !== 'user-disconnected'),
        `${participant.name} saw nobody leave`,
      );
    }

    // A client that writes the nodes' own "already forwarded" mark is forwarded all the same (nginx drops
    // the header): it cannot make the node nginx sent it to take the room back.
    const eve = new ClusterParticipant(cluster.url, roomId, 'Eve', { 'X-Parley-Forwarded-By': home });
    participants.push(eve);
    const eveJoined = await eve.join();
    assert.deepEqual(eveJoined.members.map((member) => member.name).sort(), ['Ada', 'Bo', 'Cy', 'Dee'], 'one room');
    assert.deepEqual(claims(), [home, mover], 'the forged mark moved nothing');
  });
});
