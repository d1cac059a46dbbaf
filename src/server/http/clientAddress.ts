import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

export type TrustProxy = boolean | number | string[];

/**
 * The client's address for requests that never reach Express (WebSocket upgrades, socket.io handshakes),
 * by the same rules Express uses for `req.ip`: X-Forwarded-For counts only through trusted proxies.
 */
export function clientAddressResolver(trustProxy: TrustProxy): (request: IncomingMessage) => string {
  const trust =
    typeof trustProxy === 'boolean'
      ? () => trustProxy
      : typeof trustProxy === 'number'
        ? (_address: string, hop: number) => hop < trustProxy
        : proxyaddr.compile(trustProxy);
  return (request) => {
    try {
      return proxyaddr(request as Parameters<typeof proxyaddr>[0], trust);
    } catch {
      return request.socket.remoteAddress ?? 'unknown';
    }
  };
}
