import type { IncomingMessage } from 'node:http';

/**
 * Whether a WebSocket (or socket.io) request may connect: pages of other sites must not open a socket in a
 * visitor's name. Browsers always send Origin; clients without one (not browsers) are let through. Only
 * enforced when the public origin is configured, since a proxy may rewrite Host.
 */
export function originAllowed(request: IncomingMessage, publicOrigin: string | undefined): boolean {
  const origin = request.headers.origin;
  if (!publicOrigin || origin === undefined) return true;
  return origin === publicOrigin;
}
