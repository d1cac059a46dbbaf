import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { z } from 'zod';
import type { LogLevel } from '../log.js';
import { settings } from './settings.js';

export type Config = Readonly<{
  port: number;
  host: string;
  /** The origin people open (`https://meet.example.org`); when set, WebSockets from other origins are refused. */
  publicOrigin: string | undefined;
  /** Proxies in front of Parley: how many (0: none), or their addresses and subnets. */
  trustProxy: number | readonly string[];
  roomCapacity: number;
  /** Open socket.io and PeerJS connections per client address; 0 means no cap. */
  maxConnectionsPerAddress: number;
  stunUrls: readonly string[];
  turn: Readonly<{ urls: readonly string[]; secret: string; ttlSeconds: number }> | undefined;
  /** Certificate and key (PEM) for HTTPS=on, 'self-signed', or undefined for plain HTTP. */
  tls: Readonly<{ cert: string; key: string }> | 'self-signed' | undefined;
  /** Prometheus metrics: off, or their own listener (and, with a token, the public port too). */
  metrics: Readonly<{ host: string; port: number; token: string | undefined }> | undefined;
  logLevel: LogLevel;
  /** This node's name: every response says it (X-Parley-Node), metrics carry it, rooms are owned by it. */
  nodeName: string;
  /** Metrics carry a `node` label: in a cluster, or when NODE_NAME is set (single node: series unchanged). */
  labelMetricsByNode: boolean;
  /** Redis shared by a cluster of nodes; undefined: a single node, everything in memory. */
  redisUrl: string | undefined;
  /** Folder holding the built room page (`vite build`). */
  clientDir: string;
}>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const shape = Object.fromEntries(settings.map((setting) => [setting.name, setting.schema])) as {
  [S in (typeof settings)[number] as S['name']]: S['schema'];
};
const envSchema = z.object(shape);

/**
 * Reads the environment once; a bad value stops the start with a message naming the variable. Empty
 * values count as unset.
 */
export function loadConfig(env: NodeJS.ProcessEnv, clientDir: string): Config {
  const present = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}\n(see --help)`);
  }
  const e = parsed.data;
  if (e.TURN_URLS.length > 0 && !e.TURN_SECRET) {
    throw new ConfigError('invalid configuration:\n  TURN_SECRET is required when TURN_URLS is set');
  }
  if (e.TURN_SECRET && e.TURN_URLS.length === 0) {
    throw new ConfigError('invalid configuration:\n  TURN_URLS is required when TURN_SECRET is set');
  }
  return Object.freeze({
    tls: tlsFrom(e.HTTPS, e.TLS_CERT, e.TLS_KEY),
    port: e.PORT,
    host: e.HOST,
    publicOrigin: e.PUBLIC_URL,
    trustProxy: e.TRUST_PROXY,
    roomCapacity: e.ROOM_CAPACITY,
    maxConnectionsPerAddress: e.MAX_CONNECTIONS_PER_IP,
    stunUrls: Object.freeze(e.ICE_SERVERS),
    turn: e.TURN_SECRET
      ? Object.freeze({ urls: Object.freeze(e.TURN_URLS), secret: e.TURN_SECRET, ttlSeconds: e.TURN_TTL })
      : undefined,
    metrics: e.METRICS
      ? Object.freeze({ host: e.METRICS_HOST, port: e.METRICS_PORT, token: e.METRICS_TOKEN })
      : undefined,
    logLevel: e.LOG_LEVEL,
    nodeName: e.NODE_NAME ?? safeHostName(),
    labelMetricsByNode: e.NODE_NAME !== undefined || e.REDIS_URL !== undefined,
    redisUrl: e.REDIS_URL,
    clientDir,
  });
}

/** The host name, as a node name (characters a header and a metrics label take without fuss). */
function safeHostName(): string {
  return (
    hostname()
      .replace(/[^A-Za-z0-9._-]/g, '-')
      .slice(0, 63) || 'parley'
  );
}

function tlsFrom(mode: 'off' | 'self-signed' | 'on', certPath?: string, keyPath?: string): Config['tls'] {
  if (mode !== 'on') {
    if (certPath || keyPath)
      throw new ConfigError('invalid configuration:\n  TLS_CERT and TLS_KEY are used only with HTTPS=on');
    return mode === 'self-signed' ? 'self-signed' : undefined;
  }
  if (!certPath || !keyPath)
    throw new ConfigError('invalid configuration:\n  HTTPS=on needs both TLS_CERT and TLS_KEY');
  const read = (name: string, path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw new ConfigError(
        `invalid configuration:\n  ${name}=${JSON.stringify(path)}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
  };
  const cert = read('TLS_CERT', certPath);
  const key = read('TLS_KEY', keyPath);
  if (!cert.includes('-----BEGIN CERTIFICATE-----'))
    throw new ConfigError(`invalid configuration:\n  TLS_CERT=${JSON.stringify(certPath)}: not a PEM certificate`);
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key))
    throw new ConfigError(`invalid configuration:\n  TLS_KEY=${JSON.stringify(keyPath)}: not a PEM private key`);
  return Object.freeze({ cert, key });
}

/** Loads `.env` from the working directory when there is one; variables already set win. */
export function loadEnvFile(path = '.env'): boolean {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
}

export function helpText(): string {
  const width = Math.max(...settings.map((setting) => setting.name.length));
  const rows = settings.map(
    (setting) =>
      `  ${setting.name.padEnd(width)}  ${setting.description}\n  ${' '.repeat(width)}  default: ${setting.defaultText}`,
  );
  return [
    'Parley: self-hosted video meeting rooms.',
    '',
    'Usage: npm start            (or: node dist/server/main.js)',
    '',
    'Settings come from environment variables, or from a .env file in the working directory',
    '(variables already set take precedence). See .env.example.',
    '',
    ...rows,
    '',
  ].join('\n');
}

/** The text of .env.example: every setting, commented out, with its meaning and default. */
export function envExample(): string {
  const blocks = settings.map(
    (setting) => `# ${setting.description} (default: ${setting.defaultText})\n# ${setting.name}=${setting.example}`,
  );
  return [
    '# Parley settings. Copy to .env and uncomment what you change; environment variables win over this file.',
    '',
    blocks.join('\n\n'),
    '',
  ].join('\n');
}
