// test-timeout: 180
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { ClusterParticipant } from '../support/clusterClient.js';

/** Every client here comes from 127.0.0.1 (nginx says so): one address, 4 seats (MAX_CONNECTIONS_PER_IP / 2). */
const seatCap = 4;

describe('per-address limits across a cluster: spreading over nodes brings no more', () => {
  let cluster: TestCluster;
  const participants: ClusterParticipant[] = [];
  const person = (roomId: string, name: string) => {
    const participant = new ClusterParticipant(cluster.url, roomId, name);
    participants.push(participant);
    return participant;
  };

  before(async () => {
    cluster = await startCluster(3, { MAX_CONNECTIONS_PER_IP: String(seatCap * 2) });
  });
  after(async () => {
    for (const participant of participants) participant.close();
    await cluster?.close();
  });

  /** Rooms on every node, in turn: `count` of them, covering the three nodes. */
  const roomsOverNodes = async (prefix: string, count: number): Promise<{ roomId: string; node: string }[]> => {
    const byNode = new Map<string, string[]>();
    for (let index = 0; index < 60 && [...byNode.values()].flat().length < 60; index++) {
      const roomId = `${prefix}-${index}`;
      const node = await cluster.nodeOf(roomId);
      byNode.set(node, [...(byNode.get(node) ?? []), roomId]);
    }
    assert.equal(byNode.size, 3, 'rooms land on all three nodes');
    const rooms: { roomId: string; node: string }[] = [];
    for (let turn = 0; rooms.length < count; turn++) {
      for (const [node, ids] of byNode) {
        const roomId = ids[turn];
        if (roomId !== undefined && rooms.length < count) rooms.push({ roomId, node });
      }
    }
    return rooms;
  };

  it('holds seats per address for the whole cluster, and frees one when it is given up', async () => {
    const rooms = await roomsOverNodes('seat-room', seatCap + 1);
    const seated: ClusterParticipant[] = [];
    for (const { roomId } of rooms.slice(0, seatCap)) {
      const participant = person(roomId, 'Ada');
      await participant.join();
      seated.push(participant);
    }
    const nodes = new Set(rooms.slice(0, seatCap).map((room) => room.node));
    assert.equal(nodes.size, 3, `the ${seatCap} seats are spread over the three nodes`);
    // The fifth room's node holds at most two of this address's seats: alone it would say yes.
    const last = rooms[seatCap] ?? assert.fail('no fifth room');
    const fifth = person(last.roomId, 'Bo');
    await assert.rejects(fifth.join(), /too-many-seats/, 'the cluster counts every node’s seats');
    const left = await seated[0]?.socket.emitWithAck('leave-room');
    assert.ok(left?.ok);
    const joined = await fifth.join();
    assert.equal(joined.roomId, last.roomId, 'a seat given up on one node is free on every node');
  });

  it('allows one address five wrong passcodes in a burst, whichever nodes its rooms are on', async () => {
    const rooms = await roomsOverNodes('passcode-room', 6);
    // Each room gets a host (who sets a passcode): hosts are seats too, so the seats above are given up first.
    for (const participant of participants) participant.close();
    const hosts: ClusterParticipant[] = [];
    for (const { roomId } of rooms.slice(0, 3)) {
      const host = person(roomId, 'Host');
      const joined = await host.join();
      assert.ok(joined.self.host);
      const set = await host.socket.emitWithAck('host-action', { type: 'set-passcode', passcode: 'sesame-42' });
      assert.ok(set.ok, JSON.stringify(set));
      hosts.push(host);
    }
    // Guesses go round the three rooms (three nodes), from the same address. Alone, each node would let
    // five through: fifteen in all.
    const guessers = rooms.slice(0, 3).map(({ roomId }) => person(roomId, 'Guesser'));
    const startedAt = Date.now();
    const outcomes: string[] = [];
    for (let guess = 0; guess < 9; guess++) {
      const guesser = guessers[guess % 3] ?? assert.fail('no guesser');
      const result = await guesser.joinOnce({ passcode: `wrong-${guess}` });
      outcomes.push(result.ok ? 'joined' : (result.code ?? ''));
    }
    // One more guess for every 10 s the guessing took (the allowance refills).
    const refilled = Math.floor((Date.now() - startedAt) / 10_000);
    process.stdout.write(`# passcode guesses over three nodes: ${outcomes.join(', ')}\n`);
    assert.ok(!outcomes.includes('joined'));
    const reachedTheDoor = outcomes.filter((code) => code === 'wrong-passcode').length;
    assert.ok(reachedTheDoor >= 5, `the first five guesses are answered (${reachedTheDoor})`);
    assert.ok(reachedTheDoor <= 5 + refilled, `at most ${5 + refilled} guesses reach a door (${reachedTheDoor})`);
    assert.equal(outcomes.filter((code) => code === 'rate-limited').length, 9 - reachedTheDoor);
  });

  it('lets the seats of a node that died lapse by themselves when nobody takes them back', async () => {
    for (const participant of participants) participant.close();
    const rooms = await roomsOverNodes('lapse-room', seatCap + 1);
    const seated: ClusterParticipant[] = [];
    for (const { roomId } of rooms.slice(0, seatCap)) {
      const participant = person(roomId, 'Ada');
      await participant.join();
      seated.push(participant);
    }
    const last = rooms[seatCap] ?? assert.fail('no fifth room');
    // The first seat's node dies, and its page is closed before it could come back: nobody releases the seat.
    const [first] = rooms;
    const victim = first ?? assert.fail('no first room');
    const node = cluster.node(victim.node);
    await node.server.stop('SIGKILL');
    seated[0]?.close();
    const diedAt = Date.now();
    const fifth = person(last.roomId, 'Bo');
    let outcome = await fifth.joinOnce({});
    assert.equal(outcome.code, 'too-many-seats', 'the dead node’s seat still counts at first');
    // Asked every 2 s: a connection's joins refill at one per 2 s (and each refusal costs it a strike).
    while (!outcome.ok && ['too-many-seats', 'rate-limited'].includes(outcome.code ?? '')) {
      if (Date.now() - diedAt > 25_000) assert.fail('the dead node’s seat never lapsed');
      await new Promise((resolve) => setTimeout(resolve, 2000));
      outcome = await fifth.joinOnce({});
    }
    assert.ok(outcome.ok, JSON.stringify(outcome));
    const lapsedMs = Date.now() - diedAt;
    process.stdout.write(`# a dead node's seat lapsed ${lapsedMs} ms after the kill\n`);
    assert.ok(lapsedMs <= 20_000, `within the seat's 15 s expiry, asked every 2 s (${lapsedMs} ms)`);
  });
});
