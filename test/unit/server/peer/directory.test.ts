import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PeerDirectory, type PeerSocket } from '../../../../src/server/peer/directory.js';
import { parsePeerHello } from '../../../../src/server/peer/query.js';

const socket = (id: string, token: string, address = '10.0.0.1'): PeerSocket => ({
  id,
  token,
  roomId: undefined,
  address,
  lastHeard: 0,
  lastAlive: 0,
  claimed: false,
  send: () => undefined,
  backlog: () => 0,
  close: () => undefined,
});

describe('PeerDirectory: whose id is whose', () => {
  it('gives an id to the first socket; another token is refused, the same token replaces its old socket', () => {
    const directory = new PeerDirectory();
    const first = socket('ada', 't1');
    assert.deepEqual(directory.register(first), { ok: true });
    assert.deepEqual(directory.register(socket('ada', 't2')), { ok: false, reason: 'id-taken' });
    const again = socket('ada', 't1');
    assert.deepEqual(directory.register(again), { ok: true, replaced: first });
    assert.equal(directory.remove(first), false, 'the replaced socket closing does not free the id');
    assert.equal(directory.get('ada'), again);
  });

  it('keeps a seated id for its owner in a reconnect gap, and for a while after they left', () => {
    const directory = new PeerDirectory(60_000);
    const ada = socket('ada', 'secret');
    directory.register(ada, 0);
    directory.bind('ada');
    directory.remove(ada);
    assert.equal(directory.isLive('ada'), false);
    assert.deepEqual(directory.register(socket('ada', 'guess'), 10), { ok: false, reason: 'id-taken' }, 'in the gap');
    directory.unbind('ada', 1000);
    assert.deepEqual(directory.register(socket('ada', 'guess'), 30_000), { ok: false, reason: 'id-taken' }, 'after');
    const back = socket('ada', 'secret');
    assert.equal(directory.register(back, 30_000).ok, true, 'the owner comes back');
    assert.equal(back.claimed, true, 'and it is still theirs: no tokenless claim on it');
    directory.remove(back);
    directory.prune(61_001);
    assert.equal(directory.register(socket('ada', 'new-owner'), 61_001).ok, true, 'forgotten long after');
  });

  it('lets a join claim a socket with its token, or (without one) a never-claimed socket from the same address', () => {
    const directory = new PeerDirectory();
    directory.register(socket('ada', 'secret', '10.0.0.1'));
    assert.equal(directory.mayClaim('ada', { token: 'wrong', address: '10.0.0.1' }), false);
    assert.equal(directory.mayClaim('ada', { address: '10.0.0.2' }), false, 'another address');
    assert.equal(directory.mayClaim('ada', { address: '10.0.0.1' }), true, 'the seed client');
    assert.equal(directory.mayClaim('ada', { token: 'secret', address: '10.0.0.9' }), true);
    directory.bind('ada');
    assert.equal(directory.mayClaim('ada', { address: '10.0.0.1' }), false, 'claimed once: only the token now');
    assert.equal(directory.mayClaim('ada', { token: 'secret', address: '10.0.0.1' }), true);
    assert.equal(directory.mayClaim('nobody', { token: 'secret', address: '10.0.0.1' }), false);
  });
});

describe('the PeerJS query, read once', () => {
  it('reads what a stock client sends', () => {
    assert.deepEqual(parsePeerHello('?key=peerjs&id=abc&token=t0k3n&version=1.5.5'), {
      roomId: undefined,
      id: 'abc',
      token: 't0k3n',
    });
    assert.deepEqual(parsePeerHello('?key=Team-Standup&id=abc&token=t'), {
      roomId: 'team-standup',
      id: 'abc',
      token: 't',
    });
  });

  it('refuses a parameter given twice, unknown parameters and bad values', () => {
    const refused = [
      '?key=peerjs&id=ada&id=mallory&token=t',
      '?key=peerjs&key=other&id=a&token=t',
      '?key=peerjs&id=a&token=t&token=u',
      '?key=peerjs&id=a&token=t&extra=1',
      '?key=peerjs&id=a',
      '?key=peerjs&token=t',
      '?id=a&token=t',
      '?key=peerjs&id=a%20b%20&token=t',
      '?key=peerjs&id=a&token=t%00',
      '?key=x&id=a&token=t',
      '?key=peerjs&id=' + 'a'.repeat(65) + '&token=t',
    ];
    for (const query of refused) assert.ok('error' in parsePeerHello(query), query);
  });
});
