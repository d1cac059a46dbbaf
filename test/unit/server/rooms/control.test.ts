import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { entryVerdict, RoomControl } from '../../../../src/server/rooms/control.js';
import { RoomControls } from '../../../../src/server/rooms/controls.js';

const guest = { isHost: false, passcode: undefined, device: undefined, address: '198.51.100.7', admitted: false };

describe('the room’s door', () => {
  it('lets everyone into an open room, knocks in a knock-to-join one, and keeps a locked one shut', () => {
    const control = new RoomControl(randomBytes(32));
    assert.deepEqual(entryVerdict(control, guest), { kind: 'enter' });
    control.mode = 'knock';
    assert.deepEqual(entryVerdict(control, guest), { kind: 'knock', reason: 'knock-required' });
    assert.deepEqual(entryVerdict(control, { ...guest, admitted: true }), { kind: 'enter' }, 'a host let them in');
    control.mode = 'locked';
    assert.deepEqual(entryVerdict(control, guest), { kind: 'refuse', code: 'room-locked' });
    assert.deepEqual(entryVerdict(control, { ...guest, isHost: true }), { kind: 'enter' }, 'hosts always come in');
  });

  it('asks for the passcode, and tells a missing one from a wrong one', () => {
    const control = new RoomControl(randomBytes(32));
    control.setPasscode('tea-at-five');
    assert.deepEqual(entryVerdict(control, guest), { kind: 'refuse', code: 'passcode-required' });
    assert.deepEqual(entryVerdict(control, { ...guest, passcode: 'tea-at-six' }), {
      kind: 'refuse',
      code: 'wrong-passcode',
    });
    assert.deepEqual(entryVerdict(control, { ...guest, passcode: 'tea-at-five' }), { kind: 'enter' });
    control.setPasscode(undefined);
    assert.deepEqual(entryVerdict(control, guest), { kind: 'enter' });
  });

  it('makes a removed device, and its network, knock even at an open room', () => {
    const control = new RoomControl(randomBytes(32));
    control.removeEntrant({ device: 'device-a', address: '198.51.100.7' });
    const knock = { kind: 'knock', reason: 'knock-required' };
    assert.deepEqual(entryVerdict(control, { ...guest, device: 'device-a', address: '203.0.113.9' }), knock);
    assert.deepEqual(entryVerdict(control, { ...guest, device: 'device-b' }), knock, 'a new device id, same network');
    assert.deepEqual(entryVerdict(control, guest), knock, 'no device id at all');
    assert.deepEqual(entryVerdict(control, { ...guest, device: 'device-b', address: '203.0.113.9' }), {
      kind: 'enter',
    });
    assert.deepEqual(entryVerdict(control, { ...guest, admitted: true }), { kind: 'enter' }, 'a host let them in');
  });

  it('keeps host keys as hashes, binds them to whoever presents them, and revokes them from any of their holders', () => {
    const control = new RoomControl(randomBytes(32));
    const key = control.issueHostKey('ada');
    assert.equal(control.isHostKey(key), true);
    assert.equal(control.isHostKey(key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A')), false);
    control.rebindHostKey(key, 'ada-again');
    control.revokeHostKeys('bo');
    assert.equal(control.isHostKey(key), true, 'another peer id revokes nothing of it');
    control.revokeHostKeys('ada');
    assert.equal(control.isHostKey(key), false, 'the first holder removed: it opens nothing, wherever it went since');
    const second = control.issueHostKey('cy');
    control.rebindHostKey(second, 'cy-again');
    const moved = new RoomControl(randomBytes(32));
    moved.restore(control.snapshot());
    moved.revokeHostKeys('cy-again');
    assert.equal(moved.snapshot().hostKeys.length, 0, 'a snapshot carries every holder: revoked on the new node too');
    for (let tab = 0; tab < 100; tab++) control.rebindHostKey(second, `cy-${tab}`);
    assert.ok(control.snapshot().hostKeys.length <= 8, 'a key remembers its latest holders, not every one');
    const other = new RoomControl(randomBytes(32));
    assert.equal(other.isHostKey(control.issueHostKey('bo')), false, 'a key of one room opens no other');
  });
});

describe('RoomControls: how long a room’s settings are remembered', () => {
  it('remembers an empty room for the memory period, then forgets it', () => {
    const controls = new RoomControls(1000, 10);
    const { control, fresh } = controls.ensure('room', 0);
    assert.equal(fresh, true);
    control.mode = 'knock';
    controls.touch('room', false, 100);
    controls.sweep(1000);
    assert.equal(controls.get('room')?.mode, 'knock', 'still remembered');
    assert.equal(controls.ensure('room', 1000).fresh, false);
    controls.sweep(1101);
    assert.equal(controls.get('room'), undefined, 'forgotten');
  });

  it('never holds more than its cap, forgetting the longest empty first, never an occupied room', () => {
    const controls = new RoomControls(60_000, 4);
    for (const [index, roomId] of ['a', 'b', 'c', 'd'].entries()) {
      controls.ensure(roomId, index);
      if (roomId !== 'b') controls.touch(roomId, false, index);
    }
    controls.ensure('e', 10);
    assert.ok(controls.size <= 4);
    assert.notEqual(controls.get('b'), undefined, 'someone is in b');
    assert.equal(controls.get('a'), undefined, 'a was empty longest');
  });
});
