import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JoinedRoom, ServerToClientEvents } from '../../src/shared/events.js';
import {
  connectPeer,
  connectSocket,
  nextEvent,
  noEvent,
  type PeerClient,
  type TestSocket,
} from '../support/clients.js';
import { peerFrames } from '../support/peerFrames.js';
import { useTestServer } from '../support/participants.js';

/** The next event of this name whose arguments satisfy `accept`. */
function eventWhere<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
  accept: (args: Parameters<ServerToClientEvents[E]>) => boolean,
  timeoutMs = 3000,
): Promise<Parameters<ServerToClientEvents[E]>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`no matching ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (...args: Parameters<ServerToClientEvents[E]>) => {
      if (!accept(args)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(args);
    };
    socket.on(event, listener as never);
  });
}

interface Person {
  socket: TestSocket;
  peer: PeerClient;
  device: string;
}

describe('hosts and the lobby', () => {
  // Everyone here comes from 127.0.0.1: per-address limits (tested elsewhere) would get in the way.
  const env = useTestServer({ MAX_CONNECTIONS_PER_IP: '0' });
  const opened: Person[] = [];

  /** A browser: a PeerJS socket and a socket.io connection, not in any room yet. */
  async function person(): Promise<Person> {
    const peer = await connectPeer(env.server.url);
    const socket = await connectSocket(env.server.url);
    const someone = { peer, socket, device: `device-${peer.id.replace(/-/g, '')}` };
    opened.push(someone);
    return someone;
  }

  const join = (who: Person, roomId: string, extra: Record<string, unknown> = {}) =>
    who.socket.emitWithAck('join-room', roomId, who.peer.id, {
      name: `P${opened.indexOf(who)}`,
      peerToken: who.peer.token,
      device: who.device,
      ...extra,
    });
  const knock = (who: Person, roomId: string, extra: Record<string, unknown> = {}) =>
    who.socket.emitWithAck('knock', roomId, who.peer.id, {
      name: `Knocker ${opened.indexOf(who)}`,
      peerToken: who.peer.token,
      device: who.device,
      ...extra,
    });
  const act = (who: Person, action: Record<string, unknown>) => who.socket.emitWithAck('host-action', action as never);
  const code = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error?.code);

  /** A host in `roomId` (the first person in a fresh room), with their join answer. */
  async function hostOf(roomId: string): Promise<Person & { room: JoinedRoom }> {
    const host = await person();
    const joined = await join(host, roomId);
    assert.ok(joined.ok);
    assert.ok(joined.data.hostKey, 'the first person in a fresh room gets a host key');
    assert.deepEqual(joined.data.control.hosts, [host.peer.id]);
    return { ...host, room: joined.data };
  }

  it('knock, admit, deny and admit all: the host decides, the knocker sees nobody until let in', async () => {
    const host = await hostOf('knock-room');
    assert.equal(code(await act(host, { type: 'set-mode', mode: 'knock' })), 'ok');
    const [ada, bo, cy, dee] = [await person(), await person(), await person(), await person()];
    assert.equal(code(await join(ada, 'knock-room')), 'knock-required');
    const lobby = nextEvent(host.socket, 'lobby-updated');
    const ticket = await knock(ada, 'knock-room');
    assert.ok(ticket.ok);
    assert.equal(ticket.data.hostPresent, true);
    assert.deepEqual(
      (await lobby)[0].map((entry) => entry.name),
      ['Knocker 1'],
      'the host sees who knocks',
    );
    assert.equal(
      code(await ada.socket.emitWithAck('chat-message', { clientId: 'x', text: 'let me in' })),
      'not-joined',
    );
    assert.equal(code(await ada.socket.emitWithAck('ice-servers')), 'not-joined', 'no TURN credentials while waiting');

    const admitted = nextEvent(ada.socket, 'lobby-decision');
    assert.equal(code(await act(host, { type: 'admit', peerId: ada.peer.id })), 'ok');
    assert.deepEqual((await admitted)[0], { admitted: true });
    assert.equal(code(await join(ada, 'knock-room')), 'ok');

    await knock(bo, 'knock-room');
    const denied = nextEvent(bo.socket, 'lobby-decision');
    await act(host, { type: 'deny', peerId: bo.peer.id });
    assert.deepEqual((await denied)[0], { admitted: false });
    assert.equal(code(await join(bo, 'knock-room')), 'knock-required', 'denied: still outside');

    await knock(cy, 'knock-room');
    await knock(dee, 'knock-room');
    const both = [nextEvent(cy.socket, 'lobby-decision'), nextEvent(dee.socket, 'lobby-decision')];
    await act(host, { type: 'admit-all' });
    for (const decision of await Promise.all(both)) assert.deepEqual(decision[0], { admitted: true });
    assert.equal(code(await join(cy, 'knock-room')), 'ok');
    assert.equal(code(await join(dee, 'knock-room')), 'ok');
  });

  it('someone who arrives before any host in a knock-to-join room waits; the host lets them in', async () => {
    const host = await hostOf('early-room');
    await act(host, { type: 'set-mode', mode: 'knock' });
    host.socket.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const early = await person();
    assert.equal(code(await join(early, 'early-room')), 'knock-required', 'they do not slip in');
    const ticket = await knock(early, 'early-room');
    assert.ok(ticket.ok && !ticket.data.hostPresent, 'told that no host is there yet');
    // The host comes back with their key, sees the knocker, and lets them in.
    const back = await person();
    const rejoined = await join(back, 'early-room', { hostKey: host.room.hostKey });
    assert.ok(rejoined.ok);
    assert.deepEqual(
      rejoined.data.lobby?.map((entry: { peerId: string }) => entry.peerId),
      [early.peer.id],
    );
    const admitted = nextEvent(early.socket, 'lobby-decision');
    await act(back, { type: 'admit', peerId: early.peer.id });
    assert.deepEqual((await admitted)[0], { admitted: true });
    assert.equal(code(await join(early, 'early-room')), 'ok');
  });

  it('a locked room lets nobody new in, not even by knocking; a passcode room only with the passcode', async () => {
    const host = await hostOf('locked-room');
    await act(host, { type: 'set-mode', mode: 'locked' });
    const outsider = await person();
    assert.equal(code(await join(outsider, 'locked-room')), 'room-locked');
    assert.equal(code(await knock(outsider, 'locked-room')), 'room-locked');
    const peek = await outsider.socket.emitWithAck('peek-room', 'locked-room');
    assert.ok(peek.ok);
    assert.deepEqual(
      { mode: peek.data.mode, names: peek.data.names, count: peek.data.count },
      { mode: 'locked', names: [], count: 0 },
      'a locked room shows nothing but that',
    );

    const keeper = await hostOf('passcode-room');
    await act(keeper, { type: 'set-passcode', passcode: 'tea-at-five' });
    const guest = await person();
    assert.equal(code(await join(guest, 'passcode-room')), 'passcode-required');
    assert.equal(code(await join(guest, 'passcode-room', { passcode: 'tea-at-six' })), 'wrong-passcode');
    assert.equal(code(await join(guest, 'passcode-room', { passcode: 'tea-at-five' })), 'ok');
  });

  it('remove: out at once, their signaling refused, and back only by knocking', async () => {
    const host = await hostOf('remove-room');
    const mallory = await person();
    assert.equal(code(await join(mallory, 'remove-room')), 'ok');
    const told = nextEvent(mallory.socket, 'membership-ended');
    const gone = nextEvent(host.socket, 'user-disconnected');
    assert.equal(code(await act(host, { type: 'remove', peerId: mallory.peer.id })), 'ok');
    assert.equal((await told)[0].reason, 'removed');
    assert.deepEqual(await gone, [mallory.peer.id]);
    // Her PeerJS socket is still open: its offers go nowhere now.
    mallory.peer.send(peerFrames.offer(host.peer.id));
    assert.equal(await noEvent(host.socket, 'user-connected', 300), true);
    assert.equal(host.peer.messages.filter((message) => message.type === 'OFFER').length, 0);
    // The room is open, but her device must knock; so must she from a new connection.
    assert.equal(code(await join(mallory, 'remove-room')), 'knock-required');
    const again = await person();
    again.device = mallory.device;
    assert.equal(code(await join(again, 'remove-room')), 'knock-required');
  });

  it('a knock on an open room lets in at once and keeps no pass: a later knock mode or passcode holds for the knocker too', async () => {
    const host = await hostOf('no-pass-room');
    const early = await person();
    const decided = nextEvent(early.socket, 'lobby-decision');
    assert.equal(code(await knock(early, 'no-pass-room')), 'ok');
    assert.deepEqual((await decided)[0], { admitted: true });
    assert.equal(code(await join(early, 'no-pass-room')), 'ok', 'the open room lets them in');

    const keeper = await person();
    const later = await person();
    // Knocking again and again from the same connection (as an attacker would, to keep a pass fresh).
    for (const who of [keeper, later, keeper, later]) assert.equal(code(await knock(who, 'no-pass-room')), 'ok');
    assert.equal(code(await act(host, { type: 'set-mode', mode: 'knock' })), 'ok');
    assert.equal(code(await join(keeper, 'no-pass-room')), 'knock-required', 'knock mode holds for an earlier knocker');
    assert.equal(code(await act(host, { type: 'set-mode', mode: 'open' })), 'ok');
    assert.equal(code(await act(host, { type: 'set-passcode', passcode: 'tea-at-five' })), 'ok');
    assert.equal(code(await join(later, 'no-pass-room')), 'passcode-required', 'and so does a passcode set since');
  });

  it('one connection waits as one person: knocking under another peer id replaces its earlier knock', async () => {
    const host = await hostOf('one-knock-room');
    assert.equal(code(await act(host, { type: 'set-mode', mode: 'knock' })), 'ok');
    const knocker = await person();
    assert.equal(code(await knock(knocker, 'one-knock-room')), 'ok');
    let lobby: Parameters<ServerToClientEvents['lobby-updated']>[0] = [];
    for (let id = 0; id < 3; id++) {
      // A fresh PeerJS id each time (proven by its own socket, closed at once), on the same connection.
      const peer = await connectPeer(env.server.url);
      const updated = nextEvent(host.socket, 'lobby-updated');
      const ticket = await knocker.socket.emitWithAck('knock', 'one-knock-room', peer.id, { peerToken: peer.token });
      assert.equal(code(ticket), 'ok');
      lobby = (await updated)[0];
      await peer.close();
    }
    assert.equal(lobby.length, 1, 'the host sees one person waiting, not four');
  });

  it('a host key used in a second seat is revoked when its holder is removed, whichever seat it was bound to', async () => {
    const ann = await hostOf('key-room');
    const key = ann.room.hostKey;
    assert.ok(key);
    const annAgain = await person();
    const second = await join(annAgain, 'key-room', { hostKey: key });
    assert.ok(second.ok && second.data.control.hosts.includes(annAgain.peer.id), 'the key opens a second seat as host');
    await annAgain.socket.emitWithAck('leave-room');
    const bea = await person();
    assert.equal(code(await join(bea, 'key-room')), 'ok');
    assert.equal(code(await act(ann, { type: 'make-host', peerId: bea.peer.id })), 'ok');
    assert.equal(code(await act(bea, { type: 'remove', peerId: ann.peer.id })), 'ok');
    const back = await person();
    assert.equal(
      code(await join(back, 'key-room', { hostKey: key })),
      'invalid-host-key',
      'the key no longer opens it',
    );
  });

  it('mute, ask to unmute, stop a share, mute everyone: the target is asked, the room sees the result', async () => {
    const host = await hostOf('mute-room');
    const bo = await person();
    const cy = await person();
    await join(bo, 'mute-room');
    await join(cy, 'mute-room');
    const asked = nextEvent(bo.socket, 'host-request');
    const seen = nextEvent(cy.socket, 'participant-updated');
    await act(host, { type: 'mute', peerId: bo.peer.id });
    assert.equal((await asked)[0].type, 'mute');
    assert.equal((await seen)[0].audio, false, 'everyone sees Bo muted');
    const unmute = nextEvent(bo.socket, 'host-request');
    await act(host, { type: 'ask-unmute', peerId: bo.peer.id });
    assert.deepEqual((await unmute)[0], { type: 'ask-unmute', by: host.room.self.name });
    const share = nextEvent(bo.socket, 'host-request');
    await act(host, { type: 'stop-share', peerId: bo.peer.id });
    assert.equal((await share)[0].type, 'stop-share');
    const everyone = [nextEvent(bo.socket, 'host-request'), nextEvent(cy.socket, 'host-request')];
    const hostQuiet = noEvent(host.socket, 'host-request', 300);
    await act(host, { type: 'mute-all' });
    for (const request of await Promise.all(everyone)) assert.equal(request[0].type, 'mute');
    assert.equal(await hostQuiet, true, 'hosts are not muted by mute-all');
  });

  it('hands host over, and when every host leaves the earliest remaining participant becomes host', async () => {
    const host = await hostOf('handover-room');
    const bo = await person();
    const cy = await person();
    await join(bo, 'handover-room');
    await join(cy, 'handover-room');
    const boKey = nextEvent(bo.socket, 'host-key');
    await act(host, { type: 'make-host', peerId: bo.peer.id });
    assert.equal((await boKey)[0].roomId, 'handover-room');
    const stepped = eventWhere(cy.socket, 'room-updated', ([control]) => !control.hosts.includes(host.peer.id));
    assert.equal(code(await act(host, { type: 'step-down' })), 'ok');
    assert.deepEqual((await stepped)[0].hosts, [bo.peer.id]);
    assert.equal(code(await act(host, { type: 'mute', peerId: cy.peer.id })), 'not-host', 'no longer a host');
    // The old key was handed over: it opens nothing now.
    const later = await person();
    assert.equal(code(await join(later, 'handover-room', { hostKey: host.room.hostKey })), 'invalid-host-key');
    // Bo (the only host) leaves: Cy, the earliest remaining... is after the old host; the old host is earlier.
    const promoted = nextEvent(host.socket, 'host-key');
    bo.socket.disconnect();
    assert.equal((await promoted)[0].roomId, 'handover-room', 'the earliest remaining participant is host now');
  });

  it('ends the meeting for everyone, lobby included; the room starts afresh after', async () => {
    const host = await hostOf('end-room');
    await act(host, { type: 'set-mode', mode: 'knock' });
    const bo = await person();
    await act(host, { type: 'set-mode', mode: 'open' });
    assert.equal(code(await join(bo, 'end-room')), 'ok');
    await act(host, { type: 'set-mode', mode: 'knock' });
    const waiting = await person();
    await knock(waiting, 'end-room');
    const ended = [nextEvent(bo.socket, 'membership-ended'), nextEvent(host.socket, 'membership-ended')];
    const turnedAway = nextEvent(waiting.socket, 'lobby-decision');
    assert.equal(code(await act(host, { type: 'end-meeting' })), 'ok');
    for (const event of await Promise.all(ended)) assert.equal(event[0].reason, 'meeting-ended');
    assert.deepEqual((await turnedAway)[0], { admitted: false });
    assert.equal(env.server.app.roster.members('end-room').length, 0);
    const next = await person();
    const fresh = await join(next, 'end-room');
    assert.ok(fresh.ok && fresh.data.hostKey, 'a fresh room: its first person is its host');
    assert.equal(fresh.ok && fresh.data.control.mode, 'open');
  });

  it('refuses every host action from a non-host, and forged or foreign host keys', async () => {
    const host = await hostOf('guard-room');
    const bo = await person();
    await join(bo, 'guard-room');
    for (const action of [
      { type: 'admit', peerId: host.peer.id },
      { type: 'admit-all' },
      { type: 'set-mode', mode: 'open' },
      { type: 'set-passcode', passcode: 'abcd' },
      { type: 'mute', peerId: host.peer.id },
      { type: 'mute-all' },
      { type: 'stop-share', peerId: host.peer.id },
      { type: 'remove', peerId: host.peer.id },
      { type: 'make-host', peerId: bo.peer.id },
      { type: 'end-meeting' },
    ]) {
      assert.equal(code(await act(bo, action)), 'not-host', action.type);
    }
    assert.equal(code(await act(bo, { type: 'launch-missiles' })), 'invalid-payload');
    const other = await hostOf('other-guard-room');
    const thief = await person();
    assert.equal(code(await join(thief, 'guard-room', { hostKey: other.room.hostKey })), 'invalid-host-key');
    assert.equal(code(await join(thief, 'guard-room', { hostKey: 'A'.repeat(32) })), 'invalid-host-key');
    assert.equal(code(await act(host, { type: 'remove', peerId: other.peer.id })), 'not-in-room', 'not across rooms');
  });
});
