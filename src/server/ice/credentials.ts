import { createHmac } from 'node:crypto';
import type { IceServers } from '../../shared/events.js';
import type { Config } from '../config/load.js';

/**
 * TURN REST API credentials (what coturn's `use-auth-secret` checks): the username carries its own expiry,
 * the password is an HMAC of it under the shared secret, which never leaves the server.
 */
export function turnCredential(secret: string, ttlSeconds: number, user: string, now = Date.now()) {
  const expiresAt = Math.floor(now / 1000) + ttlSeconds;
  const username = `${expiresAt}:${user}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential, expiresAt };
}

/** The STUN/TURN list one participant gets, with fresh TURN credentials bound to its peer id. */
export function iceServersFor(config: Config, peerId: string, now = Date.now()): IceServers {
  const servers: IceServers['servers'] = [];
  if (config.stunUrls.length > 0) servers.push({ urls: [...config.stunUrls] });
  if (!config.turn) return { servers };
  const { username, credential, expiresAt } = turnCredential(config.turn.secret, config.turn.ttlSeconds, peerId, now);
  servers.push({ urls: [...config.turn.urls], username, credential });
  return { servers, expiresAt };
}
