import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { AddressCounter } from '../../src/server/limits/addressCounter.js';
import { TokenBucket } from '../../src/server/limits/tokenBucket.js';
import { Departures } from '../../src/server/rooms/departures.js';

describe('TokenBucket', () => {
  it('allows a burst, then the steady rate, and refills over time up to its capacity', () => {
    const bucket = new TokenBucket(3, 2, 0);
    assert.deepEqual([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)], [true, true, true, false]);
    assert.equal(bucket.take(499), false, 'not a whole token yet');
    assert.equal(bucket.take(500), true, 'two per second: one every 500 ms');
    assert.equal(bucket.take(60_000), true);
    assert.deepEqual(
      [bucket.take(60_000), bucket.take(60_000), bucket.take(60_000)],
      [true, true, false],
      'never more than the capacity, however long it waited',
    );
  });
});

describe('AddressCounter', () => {
  it('caps open connections per address, and frees a place when one closes', () => {
    const counter = new AddressCounter(2);
    counter.opened('10.0.0.1');
    assert.equal(counter.hasRoom('10.0.0.1'), true);
    counter.opened('10.0.0.1');
    assert.equal(counter.hasRoom('10.0.0.1'), false);
    assert.equal(counter.hasRoom('10.0.0.2'), true, 'other addresses are not affected');
    counter.closed('10.0.0.1');
    assert.equal(counter.hasRoom('10.0.0.1'), true);
    counter.closed('10.0.0.1');
    assert.equal(counter.addresses, 0, 'nothing kept for an address with no connections');
  });

  it('has no cap at 0', () => {
    const counter = new AddressCounter(0);
    for (let index = 0; index < 1000; index++) counter.opened('10.0.0.1');
    assert.equal(counter.hasRoom('10.0.0.1'), true);
  });
});

describe('Departures', () => {
  let departures: Departures;
  let left: string[];
  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout'] });
    departures = new Departures(4000);
    left = [];
  });
  afterEach(() => {
    departures.close();
    mock.timers.reset();
  });

  it('lets a held participant leave after the grace period', () => {
    departures.hold('bo', () => left.push('bo'));
    mock.timers.tick(3999);
    assert.deepEqual(left, []);
    mock.timers.tick(1);
    assert.deepEqual(left, ['bo']);
    assert.equal(departures.isHeld('bo'), false);
  });

  it('forgets the leave of someone who came back', () => {
    departures.hold('bo', () => left.push('bo'));
    departures.cancel('bo');
    mock.timers.tick(10_000);
    assert.deepEqual(left, []);
  });

  it('lets them leave at once when their browser turns out to be gone', () => {
    departures.hold('bo', () => left.push('bo'));
    departures.peerGone('bo');
    assert.deepEqual(left, ['bo']);
    mock.timers.tick(10_000);
    assert.deepEqual(left, ['bo'], 'only once');
    departures.peerGone('cy');
    assert.deepEqual(left, ['bo'], 'nobody else');
  });
});
