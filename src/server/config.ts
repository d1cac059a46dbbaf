import { z } from 'zod';
import { limits } from '../shared/limits.js';
import { logLevels } from './log.js';

const portSchema = z.coerce.number().int().min(0).max(65535);

const envSchema = z.object({
  PORT: portSchema.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  ROOM_CAPACITY: z.coerce.number().int().min(2).max(50).default(limits.defaultRoomCapacity),
  LOG_LEVEL: z.enum(logLevels).default('info'),
});

export type Config = Readonly<{
  port: number;
  host: string;
  roomCapacity: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Folder holding the built room page (`vite build`). */
  clientDir: string;
}>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the environment once; a bad value stops the start with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv, clientDir: string): Config {
  const parsed = envSchema.safeParse(emptyAsUnset(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      return `${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    roomCapacity: e.ROOM_CAPACITY,
    logLevel: e.LOG_LEVEL,
    clientDir,
  });
}

function emptyAsUnset(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]));
}
