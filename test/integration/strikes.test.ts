import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import WebSocket from 'ws';
import { connectPeer, connectSocket, readMetric, waitUntil } from '../support/clients.js';
import { peerFrames } from '../support/peerFrames.js';
import { useTestServer } from '../support/participants.js';

/**
 * Found in review: a PeerJS socket is closed (1008) after 50 refused frames, and frames a member sends to someone
 * who has just left are refused (`other-room`). Members call every newcomer, so anyone who can join can make each
 * member's browser send frames that will be refused: join, wait for the members' offers, leave before their ICE
 * candidates arrive, again. Measured with two Chromium members and one attacker address (2 joins a second):
 * 180 of the members' candidates refused in 40 s, and one member's PeerJS socket closed by the server ("too many
 * refused frames"), their page going through reconnecting → resuming. Here the member's side is played by a
 * script that sends what a browser sends after its offer: two candidates per call.
 */
describe("a member is not struck for frames that others' comings and goings made undeliverable", () => {
  // Many addresses (or none counted): the attack needs only joins.
  const env = useTestServer({ MAX_CONNECTIONS_PER_IP: '0' });

  it('keeps the PeerJS socket of a member whose candidates reach someone who has just left', async () => {
    const member = await env.people.join('churn-room', 'Ada');
    const otherRoom = () => readMetric(env.server, 'parley_signaling_dropped_total{reason="other-room"}');
    const before = await otherRoom();
    const cycles = 40;
    const memberOpen = () => member.peer.socket.readyState === WebSocket.OPEN;
    let index = 0;
    for (; index < cycles && memberOpen(); index++) {
      // The attacker joins; the member calls the newcomer, as Parley's page and the seed's do.
      const peer = await connectPeer(env.server.url);
      const socket = await connectSocket(env.server.url);
      const joined = await socket.emitWithAck('join-room', 'churn-room', peer.id, { peerToken: peer.token });
      assert.ok(joined.ok, `join ${index}`);
      const offer = peerFrames.offer(peer.id);
      const connectionId = `mc_churn${index}`;
      member.peer.send({ ...offer, payload: { ...offer.payload, connectionId } });
      await waitUntil(() => !memberOpen() || peer.messages.some((message) => message.type === 'OFFER'));
      // ...and leaves before the member's candidates follow.
      socket.disconnect();
      await peer.close();
      await waitUntil(() => !env.server.app.roster.memberByPeerId(peer.id));
      const candidate = peerFrames.candidate(peer.id);
      if (!memberOpen()) break;
      for (let sent = 0; sent < 2; sent++)
        member.peer.send({ ...candidate, payload: { ...candidate.payload, connectionId } });
    }
    const deadline = Date.now() + 5000;
    while (memberOpen() && (await otherRoom()) < before + 2 * cycles) {
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(
      memberOpen(),
      `the member keeps the PeerJS socket: none of those frames was their fault (closed after ${index} joins)`,
    );
    assert.equal(await otherRoom(), before + 2 * cycles, 'every late candidate dropped');
  });
});
