import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import {
  addressKey,
  clientAddressResolver,
  trustFunction,
  type TrustProxy,
} from '../../../../src/server/http/clientAddress.js';

/** A request from `peer` carrying this X-Forwarded-For, as far as proxy-addr reads one. */
function request(peer: string, forwardedFor?: string): IncomingMessage {
  return {
    socket: { remoteAddress: peer },
    connection: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  } as unknown as IncomingMessage;
}

const clientOf = (trustProxy: TrustProxy, peer: string, forwardedFor?: string) =>
  clientAddressResolver(trustFunction(trustProxy))(request(peer, forwardedFor));

describe('the client address', () => {
  it('is the socket’s peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    assert.equal(clientOf(0, '198.51.100.9', '10.0.0.1'), '198.51.100.9');
  });

  it('is the rightmost address the trusted proxies did not vouch for, never what the client wrote', () => {
    // nginx's $proxy_add_x_forwarded_for: the client's own header, then the address nginx saw.
    const written = '10.66.0.1, 203.0.113.7';
    assert.equal(clientOf(1, '127.0.0.1', written), '203.0.113.7', 'one proxy (TRUST_PROXY=true)');
    assert.equal(clientOf(['loopback'], '127.0.0.1', written), '203.0.113.7');
    assert.equal(clientOf(2, '127.0.0.1', `${written}, 192.0.2.1`), '203.0.113.7', 'two proxies');
    assert.equal(clientOf(['loopback', '192.0.2.0/24'], '127.0.0.1', `${written}, 192.0.2.1`), '203.0.113.7');
    assert.equal(clientOf(['loopback'], '198.51.100.9', written), '198.51.100.9', 'not through the proxy');
  });

  it('counts an IPv6 client by its /64, and an IPv4-mapped one as IPv4', () => {
    assert.equal(clientOf(['loopback'], '127.0.0.1', '2001:db8:1:2::1'), '2001:db8:1:2::/64');
    assert.equal(clientOf(['loopback'], '127.0.0.1', '2001:db8:1:2:ffff:ffff:ffff:ffff'), '2001:db8:1:2::/64');
    assert.equal(clientOf(0, '::ffff:198.51.100.9'), '198.51.100.9');
  });
});

describe('addressKey', () => {
  it('groups every address of one /64, keeps IPv4 whole, and leaves what it cannot read alone', () => {
    assert.equal(addressKey('2001:DB8:0001:0002:0:0:0:5'), '2001:db8:1:2::/64');
    assert.notEqual(addressKey('2001:db8:1:2::1'), addressKey('2001:db8:1:3::1'));
    assert.equal(addressKey('fe80::1%eth0'), 'fe80::/64');
    assert.equal(addressKey('203.0.113.7'), '203.0.113.7');
    assert.notEqual(addressKey('203.0.113.7'), addressKey('203.0.113.8'));
    assert.equal(addressKey('::ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(addressKey('unknown'), 'unknown');
  });
});
