import { createClient } from '@redis/client';
import type { Logger } from '../log.js';

export type RedisClient = ReturnType<typeof redisClient>;

/**
 * A Redis connection that never gives up: while Redis is away, commands wait in the client's queue and
 * the node carries on with what it holds in memory; `isReady` says which it is (for /readyz).
 */
export function redisClient(url: string, log: Logger, name: string) {
  const client = createClient({
    url,
    socket: {
      connectTimeout: 2000,
      // Back within a second of Redis returning: a node only waits on it for new rooms and new joins.
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 1000),
    },
  });
  let down = false;
  client.on('error', (error: unknown) => {
    if (down) return;
    down = true;
    log.warn({ err: error, connection: name }, 'redis unavailable');
  });
  client.on('ready', () => {
    if (down) log.info({ connection: name }, 'redis back');
    down = false;
  });
  return client;
}

/** Resolves with the command's answer, or rejects after `ms` (the command may still run later). */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis did not answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
