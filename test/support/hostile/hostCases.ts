import assert from 'node:assert/strict';
import { peerFrames } from '../peerFrames.js';
import type { PeerClient, TestSocket } from '../clients.js';
import { refusal, type HostileCase, type HostileContext } from './context.js';
import { expectDropped } from './peerCases.js';

type Someone = { socket: TestSocket; peer: PeerClient };

const act = (who: Someone, action: Record<string, unknown>) => who.socket.emitWithAck('host-action', action as never);

/** A room of the attacker's own making, in knock-to-join mode: its host, and someone waiting at its door. */
async function waitingInLobby(context: HostileContext, roomId: string): Promise<{ host: Someone; knocker: Someone }> {
  const host = await context.outsiderPeer(roomId);
  assert.ok((await act(host, { type: 'set-mode', mode: 'knock' })).ok);
  const knocker = await context.stranger();
  const knocked = await knocker.socket.emitWithAck('knock', roomId, knocker.peer.id, {
    name: 'Knocker',
    peerToken: knocker.peer.token,
  });
  assert.ok(knocked.ok, 'knocked');
  return { host, knocker };
}

/** What someone outside every roster may not do: chat, TURN credentials, host actions, signaling Ada. */
async function expectOutside(context: HostileContext, who: Someone, roomId: string): Promise<void> {
  assert.equal(await refusal(who.socket, 'chat-message', { clientId: 'c1', text: 'let me in' }), 'not-joined');
  assert.equal(await refusal(who.socket, 'ice-servers'), 'not-joined', 'no TURN credentials');
  assert.equal(await refusal(who.socket, 'host-action', { type: 'admit-all' }), 'not-joined');
  assert.equal(await refusal(who.socket, 'raise-hand', true), 'not-joined');
  await expectDropped(context, 'sender-not-in-room', [peerFrames.offer(context.adaId)], who.peer);
  const joined = await who.socket.timeout(3000).emitWithAck('join-room', roomId, who.peer.id, {
    peerToken: who.peer.token,
  });
  assert.equal(joined.ok ? 'ok' : joined.error.code, 'knock-required', 'joining instead of waiting');
}

export const hostCases: HostileCase[] = [
  {
    edge: 'socket.io',
    name: 'host-action from a member who is no host: remove the host, mute them, lock the room, end the meeting, make themself host → not-host',
    run: async (context) => {
      // In a room of their own: Mallory's refusals would count against her, and the suite needs her later.
      const host = await context.outsiderPeer('guard-lair');
      const mallory = await context.outsiderPeer('guard-lair');
      const adaId = host.peer.id;
      for (const action of [
        { type: 'remove', peerId: adaId },
        { type: 'mute', peerId: adaId },
        { type: 'stop-share', peerId: adaId },
        { type: 'mute-all' },
        { type: 'set-mode', mode: 'locked' },
        { type: 'set-passcode', passcode: 'gotcha' },
        { type: 'end-meeting' },
        { type: 'make-host', peerId: mallory.peer.id },
        { type: 'admit-all' },
      ]) {
        assert.equal(await refusal(mallory.socket, 'host-action', action), 'not-host', action.type);
      }
    },
  },
  {
    edge: 'socket.io',
    name: 'host-action that is not one (unknown type, missing target, a passcode of 10,000 characters) → invalid-payload',
    run: async (context) => {
      const mallory = await context.outsiderPeer('payload-lair');
      for (const action of [
        { type: 'launch' },
        { type: 'remove' },
        { type: 'set-passcode', passcode: 'x'.repeat(10_000) },
        'remove',
        null,
      ]) {
        assert.equal(await refusal(mallory.socket, 'host-action', action), 'invalid-payload', JSON.stringify(action));
      }
    },
  },
  {
    edge: 'socket.io',
    name: 'join-room with a made-up host key, and with the key of another room (replayed) → invalid-host-key',
    run: async (context) => {
      const owner = await context.outsiderPeer('keyed-lair');
      const elsewhere = await context.outsiderPeer('other-lair');
      assert.ok(elsewhere.joined.hostKey, 'the first person in a room holds its key');
      for (const hostKey of ['A'.repeat(32), elsewhere.joined.hostKey]) {
        const thief = await context.stranger();
        const code = await refusal(thief.socket, 'join-room', 'keyed-lair', thief.peer.id, {
          peerToken: thief.peer.token,
          hostKey,
        });
        assert.equal(code, 'invalid-host-key');
      }
      assert.ok(owner.socket.connected);
    },
  },
  {
    edge: 'socket.io',
    name: 'someone waiting in a lobby cannot chat, get TURN credentials, act as host, signal Ada, or join instead',
    run: async (context) => {
      const { knocker } = await waitingInLobby(context, 'door-lair');
      await expectOutside(context, knocker, 'door-lair');
    },
  },
  {
    edge: 'socket.io',
    name: 'a removed participant cannot signal, chat, get TURN credentials, or walk back in without knocking',
    run: async (context) => {
      const host = await context.outsiderPeer('removal-lair');
      const removed = await context.outsiderPeer('removal-lair');
      assert.ok((await act(host, { type: 'remove', peerId: removed.peer.id })).ok);
      await expectDropped(context, 'sender-not-in-room', [peerFrames.offer(host.peer.id)], removed.peer);
      await expectOutside(context, removed, 'removal-lair');
    },
  },
  {
    edge: 'socket.io',
    name: 'knocking on a locked room → room-locked, on a passcode room without it → passcode-required; peeks show no names',
    run: async (context) => {
      const host = await context.outsiderPeer('locked-lair');
      assert.ok((await act(host, { type: 'set-mode', mode: 'locked' })).ok);
      const other = await context.outsiderPeer('passcode-lair');
      assert.ok((await act(other, { type: 'set-passcode', passcode: 'tea-at-five' })).ok);
      const visitor = await context.stranger();
      const knock = (roomId: string) =>
        refusal(visitor.socket, 'knock', roomId, visitor.peer.id, { peerToken: visitor.peer.token });
      assert.equal(await knock('locked-lair'), 'room-locked');
      assert.equal(await knock('passcode-lair'), 'passcode-required');
      for (const roomId of ['locked-lair', 'passcode-lair']) {
        const peek = await visitor.socket.emitWithAck('peek-room', roomId);
        assert.ok(peek.ok);
        assert.deepEqual(peek.data.names, [], `no names for ${roomId}`);
      }
    },
  },
];
