import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AddressCounter } from '../../../../src/server/limits/addressCounter.js';
import { TokenBucket } from '../../../../src/server/limits/tokenBucket.js';
import { Allowances } from '../../../../src/server/limits/allowances.js';
import { allowRequest, ConnectionRates, rates } from '../../../../src/server/limits/rates.js';

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

describe('Allowances', () => {
  it('keeps a person’s allowance across connections, and forgets it when they leave their seat', () => {
    const allowances = new Allowances();
    const bo = { roomId: 'room-a', peerId: 'bo' };
    for (let index = 0; index < rates.chat.capacity; index++)
      assert.equal(allowances.person(bo).allow('chat', 0), true);
    assert.equal(allowances.person({ ...bo }).allow('chat', 0), false, 'a resumed connection gets no fresh allowance');
    assert.equal(allowances.person({ ...bo, roomId: 'room-b' }).allow('chat', 0), true, 'a seat elsewhere is another');
    allowances.release(bo);
    assert.equal(allowances.person(bo).allow('chat', 0), true);
  });

  it('counts a whole address together, forgets quiet ones, and never holds more than its cap', () => {
    const allowances = new Allowances({ perAddress: true, maxAddresses: 100, forgetAfterMs: 60_000 });
    for (let index = 0; index < rates.addressPeek.capacity; index++) {
      assert.equal(allowances.address('10.0.0.1', 0).allow('addressPeek', 0), true);
    }
    assert.equal(allowances.address('10.0.0.1', 0).allow('addressPeek', 0), false);
    for (let index = 0; index < 1000; index++) allowances.address(`10.1.${index >> 8}.${index & 255}`, index);
    assert.ok(allowances.counts.addresses <= 100);
    allowances.sweep(10_000_000);
    assert.equal(allowances.counts.addresses, 0);
  });

  it('has no per-address limit when the operator turned per-address caps off', () => {
    const allowances = new Allowances({ perAddress: false });
    for (let index = 0; index < 1000; index++)
      assert.equal(allowances.address('10.0.0.1', 0).allow('addressJoin', 0), true);
    assert.equal(allowances.counts.addresses, 0);
  });
});

describe('allowRequest', () => {
  it('draws presence changes from the seated person as well as the connection: a fresh connection brings none', () => {
    const person = new ConnectionRates(() => 0);
    let granted = 0;
    for (let connection = 0; connection < 5; connection++) {
      const fresh = new ConnectionRates(() => 0);
      for (let index = 0; index < 20; index++) if (allowRequest('presence', fresh, person)) granted++;
    }
    assert.equal(granted, rates.presence.capacity);
  });

  it('draws the rest from the connection alone, and everything from it before anyone is seated', () => {
    const person = new ConnectionRates(() => 0);
    for (let index = 0; index < rates.presence.capacity; index++) person.allow('presence');
    assert.equal(allowRequest('other', new ConnectionRates(() => 0), person), true);
    assert.equal(allowRequest('presence', new ConnectionRates(() => 0), undefined), true);
    assert.equal(allowRequest('presence', new ConnectionRates(() => 0), person), false);
  });
});

describe('Allowances in a cluster', () => {
  it('draws on this node’s count first and the cluster’s after; the node’s count holds whatever the cluster says', async () => {
    const asked: string[] = [];
    let clusterSays = true;
    const allowances = new Allowances({
      perAddress: true,
      clock: () => 0,
      shared: {
        allowAddress: (kind, address) => {
          asked.push(`${kind} ${address}`);
          return Promise.resolve(clusterSays);
        },
        claimSeat: () => Promise.resolve(true),
        releaseSeat: () => undefined,
      },
    });
    assert.equal(await allowances.allowAddress('10.0.0.1', 'addressPasscode'), true);
    clusterSays = false;
    assert.equal(await allowances.allowAddress('10.0.0.1', 'addressPasscode'), false, 'the cluster ran out');
    clusterSays = true;
    for (let index = 0; index < 3; index++) await allowances.allowAddress('10.0.0.1', 'addressPasscode');
    assert.equal(asked.length, 5);
    assert.equal(await allowances.allowAddress('10.0.0.1', 'addressPasscode'), false, 'this node ran out');
    assert.equal(asked.length, 5, 'the cluster is not asked once this node has said no');
  });

  it('carries a bucket’s state: what was spent stays spent, and it refills from when it was spent', () => {
    const bucket = new TokenBucket(2, 1, 0);
    bucket.take(0);
    bucket.take(0);
    const moved = new TokenBucket(2, 1, 500, bucket.state());
    assert.equal(moved.take(500), false);
    assert.equal(moved.take(1000), true);
  });
});
