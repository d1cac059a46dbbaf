import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';

/** Which proxies are in front of Parley: a number of hops (0: none), or their addresses and subnets. */
export type TrustProxy = number | readonly string[];

/** Whether the hop at `index` (0: the socket's peer, 1: the rightmost X-Forwarded-For entry, ...) is a proxy. */
export type TrustFunction = (address: string, index: number) => boolean;

/**
 * The trust function for proxy-addr (and Express's `trust proxy`). proxy-addr walks X-Forwarded-For from the
 * right, past trusted hops: the client is the rightmost address no trusted proxy vouches for. Never "trust
 * every hop": the leftmost entries are whatever the client wrote (nginx's `$proxy_add_x_forwarded_for` keeps
 * them and appends what it saw).
 */
export function trustFunction(trustProxy: TrustProxy): TrustFunction {
  if (typeof trustProxy === 'number') return (_address, index) => index < trustProxy;
  return proxyaddr.compile([...trustProxy]);
}

/**
 * The key every per-address limit counts by: an IPv4 address as it is (also when it arrives IPv4-mapped, as
 * `::ffff:a.b.c.d`), an IPv6 address by its /64 (one host, or one home, is given a whole /64 and may pick any
 * address in it). Anything unparseable stays as it is.
 */
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts;
  return `${new ipaddr.IPv6([...parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`;
}

/**
 * The client's address key for requests that never reach Express (WebSocket upgrades, socket.io handshakes),
 * by the same trust Express uses for `req.ip`.
 */
export function clientAddressResolver(trust: TrustFunction): (request: IncomingMessage) => string {
  return (request) => {
    try {
      return addressKey(proxyaddr(request as Parameters<typeof proxyaddr>[0], trust));
    } catch {
      return addressKey(request.socket.remoteAddress ?? 'unknown');
    }
  };
}
