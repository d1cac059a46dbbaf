import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChatLog } from '../../../../src/server/chat/chatLog.js';
import { HistoryLedger } from '../../../../src/server/chat/historyLedger.js';
import { memberFromSeat, parseChat, parseSnapshot, snapshotOf } from '../../../../src/server/cluster/snapshot.js';
import { PeerDirectory, type PeerSocket } from '../../../../src/server/peer/directory.js';
import { PresenceBook } from '../../../../src/server/presence/presence.js';
import { presenceTiming as timing } from '../../../../src/server/presence/timing.js';
import { Allowances } from '../../../../src/server/limits/allowances.js';
import { movedKnocker } from '../../../../src/server/rooms/control.js';
import { RoomControls } from '../../../../src/server/rooms/controls.js';
import { Roster } from '../../../../src/server/rooms/roster.js';

const join = (roster: Roster, peerId: string, name: string) => {
  const joined = roster.join({
    connectionId: `c-${peerId}`,
    address: '10.0.0.1',
    roomId: 'moving-room',
    peerId,
    name,
    media: { audio: true, video: false },
    newToken: `resume-${peerId}`,
  });
  assert.ok(joined.ok);
  return joined.data.member;
};

const socket = (id: string, token: string): PeerSocket => ({
  id,
  token,
  roomId: 'moving-room',
  address: '10.0.0.1',
  send: () => undefined,
  backlog: () => 0,
  close: () => undefined,
  lastHeard: 0,
  lastAlive: 0,
  claimed: false,
});

describe('a room moving from one node to another', () => {
  it('carries seats, tokens and control in a snapshot that another node restores, and holders resume unseen', () => {
    const secret = Buffer.alloc(32, 7);
    const from = { roster: new Roster(8), controls: new RoomControls(undefined, undefined, secret) };
    join(from.roster, 'ada', 'Ada');
    join(from.roster, 'bo', 'Bo');
    const control = from.controls.ensure('moving-room', 0).control;
    control.mode = 'knock';
    control.setPasscode('sesame');
    const hostKey = control.issueHostKey('ada');
    // Bo's hand is up, and Ada's join answer carried the history up to message 7.
    assert.ok(from.roster.updatePresence('c-bo', { hand: true }));
    const fromLedger = new HistoryLedger();
    const ada = from.roster.memberByPeerId('ada') ?? assert.fail('no ada');
    fromLedger.sent(ada, [{ id: '7' }]);
    const json = JSON.stringify(
      snapshotOf(
        from.roster.members('moving-room'),
        { peerTokenOf: (peerId) => `peer-${peerId}`, historySentTo: (member) => fromLedger.sentTo(member) },
        control.snapshot(),
      ),
    );

    const snapshot = parseSnapshot(json);
    assert.ok(snapshot);
    const to = {
      roster: new Roster(8),
      controls: new RoomControls(undefined, undefined, secret),
      directory: new PeerDirectory(),
      ledger: new HistoryLedger(),
    };
    to.controls.ensure('moving-room', 0).control.restore(snapshot.control ?? assert.fail('no control'));
    for (const seat of snapshot.seats) {
      const member = memberFromSeat('moving-room', seat);
      assert.ok(to.roster.restore(member));
      if (seat.historySent !== undefined) to.ledger.restore(member, seat.historySent);
      to.directory.restoreBinding(seat.peerId, seat.peerToken ?? '');
    }
    const moved = to.controls.get('moving-room');
    assert.equal(moved?.mode, 'knock');
    assert.ok(moved?.passcodeMatches('sesame') && !moved.passcodeMatches('open'), 'the passcode holds there');
    assert.ok(moved?.isHostKey(hostKey), 'the host key works there');
    assert.deepEqual(
      to.roster.members('moving-room').map((member) => member.name),
      ['Ada', 'Bo'],
    );
    assert.equal(to.roster.seatsFrom('10.0.0.1'), 2);
    // The hand queue goes on: a hand raised after the move queues behind Bo's.
    const boOrder = to.roster.memberByPeerId('bo')?.handOrder ?? assert.fail('bo lost his place');
    const adaRaised = to.roster.updatePresence('moved:ada', { hand: true });
    assert.ok((adaRaised?.handOrder ?? 0) > boOrder);
    // What Ada was sent moves with her seat: an answer there carries only what came after message 7.
    const adaThere = to.roster.memberByPeerId('ada') ?? assert.fail('no ada there');
    assert.equal(to.ledger.after(adaThere, '3'), '7');
    assert.equal(to.ledger.after(to.roster.memberByPeerId('bo') ?? assert.fail('no bo'), '3'), '3');
    // Their PeerJS ids are theirs alone: a stranger's socket is refused, theirs is taken back as claimed.
    assert.equal(to.directory.register(socket('ada', 'thief'), 1).ok, false);
    const own = socket('ada', 'peer-ada');
    assert.equal(to.directory.register(own, 1).ok, true);
    assert.equal(own.claimed, true);
    // Ada resumes with her token on a new connection: her seat, no newcomer.
    const back = to.roster.join({
      connectionId: 'new-connection',
      address: '10.0.0.1',
      roomId: 'moving-room',
      peerId: 'ada',
      name: 'Ada',
      media: { audio: true, video: true },
      resume: 'resume-ada',
      newToken: 'unused',
    });
    assert.ok(back.ok && !back.data.isNew && back.data.resumedFrom === 'moved:ada');
    // Someone else with her id and no token gets nothing.
    const thief = to.roster.join({
      connectionId: 'thief',
      address: '10.0.0.9',
      roomId: 'moving-room',
      peerId: 'bo',
      name: 'Bo',
      media: { audio: true, video: true },
      resume: 'guess',
      newToken: 'unused',
    });
    assert.equal(!thief.ok && thief.error.code, 'peer-id-taken');
  });

  it('refuses a damaged snapshot and skips damaged chat entries', () => {
    assert.equal(parseSnapshot('{"v":1,"seats":[{"peerId":"x y z!"}]}'), undefined);
    assert.equal(parseSnapshot('not json'), undefined);
    assert.equal(parseSnapshot(null), undefined);
    const good = { id: '3', clientId: 'c', peerId: 'ada', name: 'Ada', text: 'hi', sentAt: 1 };
    assert.deepEqual(parseChat(['{', JSON.stringify({ ...good, id: 4 }), JSON.stringify(good)]), [good]);
  });

  it('restores chat history with its ids in order: the next message follows the last one', () => {
    const chat = new ChatLog(3);
    const history = [5, 6, 7, 8].map((id) => ({
      id: String(id),
      clientId: `c${id}`,
      peerId: 'ada',
      name: 'Ada',
      text: `message ${id}`,
      sentAt: id,
    }));
    chat.restore('moving-room', history);
    assert.deepEqual(
      chat.history('moving-room').map((message) => message.id),
      ['6', '7', '8'],
      'bounded as before',
    );
    assert.equal(chat.post('moving-room', { peerId: 'bo', name: 'Bo' }, 'c9', 'next').message.id, '9');
    assert.equal(chat.posted('moving-room', 'ada', 'c8')?.id, '8', 'a retry of a moved message is recognised');
  });

  it('holds someone whose room moved for the grace, then the usual rule decides', () => {
    const book = new PresenceBook(timing);
    book.hold('ada', 0, 10_000);
    const closed = { open: false };
    for (let now = timing.tickMs; now < 10_000; now += timing.tickMs) {
      assert.equal(book.decide('ada', { signaling: closed, peer: closed }, now), undefined, `held at ${now}`);
    }
    assert.equal(book.decide('ada', { signaling: closed, peer: closed }, 10_000), 'closed', 'gone once the grace ends');
    book.hold('bo', 0, 10_000);
    const open = (at: number) => ({ open: true, lastHeard: at });
    assert.equal(book.decide('bo', { signaling: open(2000), peer: open(2000) }, 2000), undefined);
    assert.equal(book.decide('bo', { signaling: open(12_000), peer: open(12_000) }, 12_000), undefined, 'back: stays');
  });
});

describe('what else moves with a room', () => {
  it('carries the lobby: knockers wait on with no connection, in their order, a host’s yes still holding', () => {
    const secret = Buffer.alloc(32, 9);
    const from = new RoomControls(undefined, undefined, secret).ensure('moving-room', 0).control;
    from.mode = 'knock';
    from.lobby.set('cy', { peerId: 'cy', name: 'Cy', connectionId: 'socket-cy', since: 10 });
    from.lobby.set('dee', { peerId: 'dee', name: 'Dee', connectionId: 'socket-dee', since: 20, admittedUntil: 99 });
    const snapshot = parseSnapshot(JSON.stringify({ v: 1, seats: [], control: from.snapshot() }));
    const to = new RoomControls(undefined, undefined, secret).ensure('moving-room', 0).control;
    to.restore(snapshot?.control ?? assert.fail('no control'));
    assert.deepEqual(
      [...to.lobby.values()],
      [
        { peerId: 'cy', name: 'Cy', connectionId: movedKnocker, since: 10 },
        { peerId: 'dee', name: 'Dee', connectionId: movedKnocker, since: 20, admittedUntil: 99 },
      ],
    );
  });

  it('carries each seat’s allowances: a move gives nobody a fresh one', () => {
    const clock = { now: 1000 };
    const from = new Allowances({ perAddress: true, clock: () => clock.now });
    const bo = { roomId: 'moving-room', peerId: 'bo' };
    while (from.person(bo).allow('resume')) clock.now += 1;
    const roster = new Roster(8);
    const member = join(roster, 'bo', 'Bo');
    const json = JSON.stringify(
      snapshotOf(
        [member],
        { peerTokenOf: () => undefined, historySentTo: () => undefined, allowancesOf: (m) => from.personState(m) },
        undefined,
      ),
    );
    const snapshot = parseSnapshot(json) ?? assert.fail('no snapshot');
    const to = new Allowances({ perAddress: true, clock: () => clock.now });
    to.restorePerson(bo, snapshot.allowances?.bo ?? assert.fail('no allowances for bo'));
    assert.equal(to.person(bo).allow('resume'), false, 'the resumes spent before the move stay spent');
    clock.now += 2000;
    assert.equal(to.person(bo).allow('resume'), true, 'and refill as they would have');
    assert.equal(to.person(bo).allow('chat'), true, 'allowances never drawn on are full');
  });

  it('refuses allowances that do not parse (a kind that does not exist, a negative count)', () => {
    assert.equal(parseSnapshot('{"v":1,"seats":[],"allowances":{"bo":{"flood":{"tokens":1,"at":0}}}}'), undefined);
    assert.equal(parseSnapshot('{"v":1,"seats":[],"allowances":{"bo":{"chat":{"tokens":-1,"at":0}}}}'), undefined);
  });
});
