import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Roster, toParticipantInfo, type JoinRequest } from '../../../../src/server/rooms/roster.js';
import { nameKeys } from '../../../../src/shared/nameSkeleton.js';

const request = (connectionId: string, peerId: string, roomId = 'room-a', address = '10.0.0.1'): JoinRequest => ({
  connectionId,
  address,
  roomId,
  peerId,
  name: `name-${peerId}`,
  media: { audio: true, video: true },
  newToken: `token-${peerId}`,
});

describe('Roster', () => {
  it('lists the members already present to a newcomer, in joining order', () => {
    const roster = new Roster(8);
    assert.ok(roster.join(request('c1', 'p1')).ok);
    assert.ok(roster.join(request('c2', 'p2')).ok);
    const third = roster.join(request('c3', 'p3'));
    assert.ok(third.ok);
    assert.deepEqual(
      third.data.others.map((member) => member.peerId),
      ['p1', 'p2'],
    );
    assert.equal(third.data.isNew, true);
    assert.equal(roster.participantCount, 3);
  });

  it('keeps rooms apart', () => {
    const roster = new Roster(8);
    roster.join(request('c1', 'p1', 'room-a'));
    const other = roster.join(request('c2', 'p2', 'room-b'));
    assert.ok(other.ok);
    assert.deepEqual(other.data.others, []);
    assert.equal(roster.roomCount, 2);
  });

  it('treats a repeated identical join as harmless', () => {
    const roster = new Roster(8);
    roster.join(request('c1', 'p1'));
    roster.join(request('c2', 'p2'));
    const again = roster.join(request('c2', 'p2'));
    assert.ok(again.ok);
    assert.equal(again.data.isNew, false);
    assert.deepEqual(
      again.data.others.map((member) => member.peerId),
      ['p1'],
    );
    assert.equal(roster.members('room-a').length, 2);
  });

  it('refuses a second identity on the same connection', () => {
    const roster = new Roster(8);
    roster.join(request('c1', 'p1'));
    const result = roster.join(request('c1', 'p9', 'room-b'));
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.code, 'already-joined');
  });

  it('refuses a peer id that another connection holds', () => {
    const roster = new Roster(8);
    roster.join(request('c1', 'p1'));
    const result = roster.join(request('c2', 'p1'));
    assert.equal(!result.ok && result.error.code, 'peer-id-taken');
    assert.equal(roster.memberByPeerId('p1')?.connectionId, 'c1');
  });

  it('refuses newcomers beyond the capacity, and lets them in once someone leaves', () => {
    const roster = new Roster(2);
    roster.join(request('c1', 'p1'));
    roster.join(request('c2', 'p2'));
    const full = roster.join(request('c3', 'p3'));
    assert.equal(!full.ok && full.error.code, 'room-full');
    roster.leave('c1');
    assert.ok(roster.join(request('c3', 'p3')).ok);
  });

  it('forgets a connection that leaves, and drops empty rooms', () => {
    const roster = new Roster(8);
    roster.join(request('c1', 'p1'));
    const left = roster.leave('c1');
    assert.equal(left?.member.peerId, 'p1');
    assert.equal(left?.roomEmptied, true, 'the roster says the room emptied (its chat goes with it)');
    assert.equal(roster.leave('c1'), undefined);
    assert.equal(roster.roomCount, 0);
    assert.equal(roster.memberByPeerId('p1'), undefined);
    assert.ok(roster.join(request('c9', 'p1')).ok, 'the peer id is free again');
  });

  it('updates presence only for members, leaving out what is not given', () => {
    const roster = new Roster(8);
    const joined = roster.join(request('c1', 'p1'));
    assert.ok(joined.ok);
    assert.equal(joined.data.member.screen, false, 'nobody shares a screen on arrival');
    assert.equal(joined.data.member.hand, false);
    const muted = roster.updatePresence('c1', { audio: false, video: true });
    assert.deepEqual(
      { audio: muted?.audio, video: muted?.video, screen: muted?.screen, hand: muted?.hand },
      { audio: false, video: true, screen: false, hand: false },
    );
    assert.equal(roster.updatePresence('c1', { hand: true })?.audio, false, 'a hand leaves the microphone alone');
    assert.equal(roster.updatePresence('c1', { screen: true })?.hand, true);
    assert.equal(roster.updatePresence('nobody', { audio: false, video: false }), undefined);
  });

  it('lets a participant come back on a new connection with their resume token, and nobody else', () => {
    const roster = new Roster(8);
    roster.join(request('c1', 'p1'));
    roster.join(request('c2', 'p2'));
    const thief = roster.join({ ...request('c9', 'p1'), resume: 'token-p2' });
    assert.equal(!thief.ok && thief.error.code, 'peer-id-taken', "another participant's token does not work");
    const noToken = roster.join(request('c9', 'p1'));
    assert.equal(!noToken.ok && noToken.error.code, 'peer-id-taken');
    const elsewhere = roster.join({ ...request('c9', 'p1', 'room-b'), resume: 'token-p1' });
    assert.equal(!elsewhere.ok && elsewhere.error.code, 'peer-id-taken', 'a token resumes in its own room only');
    assert.equal(roster.resumable('p1', 'room-a', 'token-p2'), undefined);
    assert.equal(roster.resumable('p1', 'room-b', 'token-p1'), undefined);
    assert.equal(roster.resumable('p1', 'room-a', 'token-p1'), roster.memberByPeerId('p1'), 'told before taking it');

    const back = roster.join({ ...request('c3', 'p1'), resume: 'token-p1' });
    assert.ok(back.ok);
    assert.equal(back.data.isNew, false);
    assert.equal(back.data.resumedFrom, 'c1');
    assert.equal(roster.memberOf('c3')?.peerId, 'p1');
    assert.equal(roster.memberOf('c1'), undefined, 'the old connection holds nothing');
    assert.equal(roster.leave('c1'), undefined, 'so its late disconnect changes nothing');
    assert.equal(roster.members('room-a').length, 2);
  });

  it('caps the seats one address holds over all rooms, and frees one when someone leaves', () => {
    const roster = new Roster(8, 2);
    assert.ok(roster.join(request('c1', 'p1', 'room-a')).ok);
    assert.ok(roster.join(request('c2', 'p2', 'room-b')).ok);
    const third = roster.join(request('c3', 'p3', 'room-c'));
    assert.equal(!third.ok && third.error.code, 'too-many-seats');
    assert.ok(roster.join(request('c4', 'p4', 'room-c', '10.0.0.2')).ok, 'other addresses are not affected');
    roster.remove('p1');
    assert.ok(roster.join(request('c3', 'p3', 'room-c')).ok);
    assert.equal(roster.seatsFrom('10.0.0.1'), 2);
  });

  describe('display names', () => {
    const named = (connectionId: string, peerId: string, name: string, roomId = 'room-a'): JoinRequest => ({
      ...request(connectionId, peerId, roomId),
      name,
    });
    const nameOf = (result: ReturnType<Roster['join']>) => (result.ok ? result.data.member.name : result.error.code);

    it('gives a newcomer who looks like a member a visible suffix, in joining order', () => {
      const roster = new Roster(8);
      assert.equal(nameOf(roster.join(named('c1', 'p1', 'Alice'))), 'Alice');
      assert.equal(nameOf(roster.join(named('c2', 'p2', 'alice'))), 'alice (2)');
      assert.equal(nameOf(roster.join(named('c3', 'p3', '\u0410lice'))), '\u0410lice (3)', 'Cyrillic А');
      assert.equal(nameOf(roster.join(named('c4', 'p4', 'Bob'))), 'Bob');
      assert.equal(nameOf(roster.join(named('c5', 'p5', '\u2160van'))), '\u2160van');
      assert.equal(nameOf(roster.join(named('c6', 'p6', 'Ivan'))), 'Ivan (2)', 'Roman numeral one');
      assert.deepEqual(
        roster.members('room-a').map((member) => member.name),
        ['Alice', 'alice (2)', '\u0410lice (3)', 'Bob', '\u2160van', 'Ivan (2)'],
      );
    });

    it('stores and announces the suffixed name', () => {
      const roster = new Roster(8);
      roster.join(named('c1', 'p1', 'Guest ABCD'));
      const second = roster.join(named('c2', 'p2', 'Guest ABCD'));
      assert.ok(second.ok);
      assert.equal(toParticipantInfo(second.data.member).name, 'Guest ABCD (2)', 'default names follow the rule');
      assert.equal(roster.memberOf('c2')?.name, 'Guest ABCD (2)');
      const third = roster.join(named('c3', 'p3', 'Carol'));
      assert.ok(third.ok);
      assert.deepEqual(
        third.data.others.map((member) => member.name),
        ['Guest ABCD', 'Guest ABCD (2)'],
      );
    });

    it('compares within one room, and frees a name when its member leaves', () => {
      const roster = new Roster(8);
      roster.join(named('c1', 'p1', 'Alice'));
      assert.equal(nameOf(roster.join(named('c2', 'p2', 'Alice', 'room-b'))), 'Alice', 'another room');
      roster.leave('c1');
      assert.equal(nameOf(roster.join(named('c3', 'p3', 'Alice'))), 'Alice');
    });

    it('keeps a name through a repeated join and a resume', () => {
      const roster = new Roster(8);
      roster.join(named('c1', 'p1', 'Alice'));
      roster.join(named('c2', 'p2', 'Alice'));
      assert.equal(nameOf(roster.join(named('c2', 'p2', 'Alice'))), 'Alice (2)');
      assert.equal(nameOf(roster.join({ ...named('c3', 'p2', 'Alice'), resume: 'token-p2' })), 'Alice (2)');
      assert.equal(roster.members('room-a').length, 2);
    });

    it('keeps every name in a full room of 50 look-alikes unique', () => {
      const roster = new Roster(50);
      const spellings = ['Alice', 'alice', 'ALICE', '\u0410lice', 'A\u217Cice', 'Alice'];
      for (let index = 0; index < 50; index++) {
        const joined = roster.join(named(`c${index}`, `p${index}`, spellings[index % spellings.length] ?? 'Alice'));
        assert.ok(joined.ok);
      }
      const names = roster.members('room-a').map((member) => member.name);
      const keys = names.map(nameKeys);
      assert.equal(new Set(keys.map(([folded]) => folded)).size, 50, 'no two alike, case aside');
      assert.equal(new Set(keys.map(([, cased]) => cased)).size, 50, 'no two alike, case kept');
      assert.equal(names[49], 'alice (50)');
    });
  });
});
