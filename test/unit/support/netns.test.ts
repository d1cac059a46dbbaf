import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  namesFor,
  parseAddresses,
  parseLinkNames,
  parseNamespaceList,
  pickFreeSlot,
  pidOfHostVeth,
  pidOfNamespace,
  slotOfAddress,
  subnetForSlot,
} from '../../support/netns/naming.js';
import { dropRuleset, tbfArgs } from '../../support/netns/shaping.js';

describe('isolated host names and addresses', () => {
  it('carry the pid, fit the 15-byte interface limit, and are recognised again', () => {
    const names = namesFor(4_194_304, 999);
    assert.ok(names.hostVeth.length <= 15 && names.namespaceVeth.length <= 15, JSON.stringify(names));
    assert.equal(pidOfNamespace(names.namespace), 4_194_304);
    assert.equal(pidOfHostVeth(names.hostVeth), 4_194_304);
    assert.equal(pidOfNamespace('parley'), undefined);
    assert.equal(pidOfHostVeth('eth0'), undefined);
    assert.throws(() => namesFor(12, 1000));
  });

  it('parse ip output', () => {
    assert.deepEqual(parseNamespaceList('parley-12-0 (id: 3)\nother\n'), ['parley-12-0', 'other']);
    const links = '1: lo: <LOOPBACK,UP> mtu 65536\n7: plh12-0@if2: <BROADCAST> mtu 1500\n';
    assert.deepEqual(parseLinkNames(links), ['lo', 'plh12-0']);
    const addresses = '6: plh12-0    inet 10.231.0.1/30 scope global plh12-0\\ valid_lft forever';
    assert.deepEqual(parseAddresses(addresses), ['10.231.0.1']);
  });

  it('give each namespace a /30 of 10.231.0.0/16 that no address on the machine is in', () => {
    assert.deepEqual(subnetForSlot(0), {
      slot: 0,
      hostAddress: '10.231.0.1',
      namespaceAddress: '10.231.0.2',
      prefixLength: 30,
    });
    assert.equal(subnetForSlot(16_383).namespaceAddress, '10.231.255.254');
    assert.equal(slotOfAddress('10.231.1.6'), 65);
    assert.equal(slotOfAddress('192.0.2.2'), undefined);
    const start = pickFreeSlot(1, 0, []).slot;
    const taken = subnetForSlot(start);
    assert.notEqual(pickFreeSlot(1, 0, [taken.hostAddress]).slot, start);
    assert.throws(() => subnetForSlot(16_384));
  });
});

describe('link shaping rules', () => {
  it('rate-limit with tbf, with a default burst and queue limit', () => {
    assert.deepEqual(tbfArgs('pln1-0', { rateKbit: 500 }), [
      ...['qdisc', 'replace', 'dev', 'pln1-0', 'root', 'tbf'],
      ...['rate', '500kbit', 'burst', '16kbit', 'latency', '100ms'],
    ]);
    assert.equal(tbfArgs('pln1-0', { lossPercent: 2 }), undefined, 'loss alone needs no qdisc');
    assert.throws(() => tbfArgs('pln1-0', { rateKbit: -1 }));
    assert.throws(() => tbfArgs('pln1-0', { latencyMs: 50 }), /rateKbit/);
  });

  it('drop at random on the veth end, drop everything when cut, and remove the table when idle', () => {
    const lossy = dropRuleset('pln1-0', { uploadLossPercent: 2, downloadLossPercent: 0.5, cut: false });
    assert.match(lossy, /hook egress device "pln1-0".*\n.*numgen random mod 10000 < 200 drop/);
    assert.match(lossy, /hook ingress device "pln1-0".*\n.*numgen random mod 10000 < 50 drop/);
    const cut = dropRuleset('pln1-0', { uploadLossPercent: 2, downloadLossPercent: 0, cut: true });
    assert.equal(cut.match(/meta protocol \{ ip, ip6 \} drop/g)?.length, 2);
    assert.doesNotMatch(cut, /numgen/);
    const idle = dropRuleset('pln1-0', { uploadLossPercent: 0, downloadLossPercent: 0, cut: false });
    assert.equal(idle, 'table netdev parley_link\ndelete table netdev parley_link\n');
    assert.throws(() => dropRuleset('x"; flush ruleset', { uploadLossPercent: 0, downloadLossPercent: 0, cut: true }));
  });
});
