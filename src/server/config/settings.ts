import proxyaddr from 'proxy-addr';
import { z } from 'zod';
import { limits } from '../../shared/limits.js';
import { logLevels } from '../log.js';

/** One setting: its environment variable, what it means, its default, and how it is checked. */
export interface Setting {
  name: string;
  description: string;
  /** Shown in --help and .env.example; undefined when unset by default. */
  example: string;
  defaultText: string;
  schema: z.ZodType;
}

const urlList = (schemes: RegExp, what: string) =>
  z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(schemes, `each entry must be a ${what} URL`)));

/** A whole number in a range, with a message a person can act on. */
const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be a whole number from ${min} to ${max}`)
    .max(max, `must be a whole number from ${min} to ${max}`);

/** Whether proxy-addr accepts these as trusted proxies (names like `loopback`, addresses, subnets). */
function isProxyList(entries: string[]): boolean {
  try {
    proxyaddr.compile(entries);
    return true;
  } catch {
    return false;
  }
}

const onOff = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((value) => ['on', 'true', '1'].includes(value));

/** Every setting Parley reads. Validation, --help and .env.example are all made from this list. */
export const settings = [
  {
    name: 'PORT',
    description: 'TCP port for the page, socket.io and PeerJS (0: any free port)',
    example: '3000',
    defaultText: '3000',
    schema: wholeNumber(0, 65535).default(3000),
  },
  {
    name: 'HOST',
    description: 'interface to listen on (127.0.0.1: this machine only)',
    example: '0.0.0.0',
    defaultText: '0.0.0.0',
    schema: z.string().min(1).default('0.0.0.0'),
  },
  {
    name: 'PUBLIC_URL',
    description: 'the address people open (e.g. behind a proxy); when set, only pages from it may connect',
    example: 'https://meet.example.org',
    defaultText: 'none (any origin)',
    schema: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' })
      // Zod runs refinements after failed checks too: parse defensively.
      .refine((value) => URL.canParse(value) && new URL(value).pathname === '/', 'must be an origin, without a path')
      .transform((value) => (URL.canParse(value) ? new URL(value).origin : value))
      .optional(),
  },
  {
    name: 'TRUST_PROXY',
    description:
      'behind reverse proxies that append to X-Forwarded-For: their addresses/subnets, comma-separated, or how many there are (true: one)',
    example: 'loopback',
    defaultText: 'false (no proxy)',
    schema: z
      .string()
      .default('false')
      .transform((value, context): number | string[] => {
        if (value === 'false') return 0;
        // One proxy, never "every hop": the leftmost X-Forwarded-For entries are the client's own words.
        if (value === 'true') return 1;
        if (/^\d+$/.test(value) && Number(value) <= 10) return Number(value);
        const entries = value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean);
        if (!/^\d+$/.test(value) && entries.length > 0 && isProxyList(entries)) return entries;
        context.issues.push({
          code: 'custom',
          input: value,
          message:
            'must be true (one proxy), false, a number of proxies (0 to 10), or their addresses/subnets (loopback, 10.0.0.0/8, ...)',
        });
        return z.NEVER;
      }),
  },
  {
    name: 'ROOM_CAPACITY',
    description: 'people per room; newcomers beyond it are told the room is full',
    example: '8',
    defaultText: String(limits.defaultRoomCapacity),
    schema: wholeNumber(2, 50).default(limits.defaultRoomCapacity),
  },
  {
    name: 'MAX_CONNECTIONS_PER_IP',
    description:
      'open connections one address (IPv6: one /64) may hold: each participant uses two; half as many seats, twice as many plain TCP connections; 0: no cap and no per-address rate limits. Behind a shared NAT, raise it',
    example: '100',
    defaultText: '100',
    schema: wholeNumber(0, 100_000).default(100),
  },
  {
    name: 'ICE_SERVERS',
    description: 'STUN servers handed to browsers, comma-separated',
    example: 'stun:stun.example.org:3478',
    defaultText: 'none (host candidates only: same network)',
    schema: urlList(/^stuns?:[^\s,]+$/, 'stun: or stuns:').default([]),
  },
  {
    name: 'TURN_URLS',
    description: 'TURN relays for which Parley hands out short-lived credentials, comma-separated',
    example: 'turn:turn.example.org:3478?transport=udp,turn:turn.example.org:3478?transport=tcp',
    defaultText: 'none',
    schema: urlList(/^turns?:[^\s,]+$/, 'turn: or turns:').default([]),
  },
  {
    name: 'TURN_SECRET',
    description: "the TURN server's shared secret (coturn: static-auth-secret with use-auth-secret)",
    example: 'a-long-random-string',
    defaultText: 'none',
    schema: z.string().min(16, 'use at least 16 characters').optional(),
  },
  {
    name: 'TURN_TTL',
    description: 'lifetime of TURN credentials, in seconds',
    example: '3600',
    defaultText: '3600',
    schema: wholeNumber(60, 86_400).default(3600),
  },
  {
    name: 'HTTPS',
    description:
      'off, self-signed (a certificate made at start, for phones on your network), or on (TLS_CERT, TLS_KEY)',
    example: 'self-signed',
    defaultText: 'off (browsers allow camera and microphone on http://localhost only)',
    schema: z.enum(['off', 'self-signed', 'on']).default('off'),
  },
  {
    name: 'TLS_CERT',
    description: 'with HTTPS=on: the certificate chain, a PEM file',
    example: '/etc/parley/fullchain.pem',
    defaultText: 'none',
    schema: z.string().optional(),
  },
  {
    name: 'TLS_KEY',
    description: 'with HTTPS=on: its private key, a PEM file',
    example: '/etc/parley/privkey.pem',
    defaultText: 'none',
    schema: z.string().optional(),
  },
  {
    name: 'METRICS',
    description: 'serve Prometheus metrics at /metrics on METRICS_HOST:METRICS_PORT (on or off)',
    example: 'on',
    defaultText: 'on',
    schema: onOff.default(true),
  },
  {
    name: 'METRICS_PORT',
    description: 'TCP port of the metrics listener, apart from the public port (0: any free port)',
    example: '9464',
    defaultText: '9464',
    schema: wholeNumber(0, 65535).default(9464),
  },
  {
    name: 'METRICS_HOST',
    description: 'interface of the metrics listener (keep it private: the names of rooms are not in it, but load is)',
    example: '127.0.0.1',
    defaultText: '127.0.0.1 (this machine only)',
    schema: z.string().min(1).default('127.0.0.1'),
  },
  {
    name: 'METRICS_TOKEN',
    description: 'also serve /metrics on the public port, to requests with "Authorization: Bearer <token>"',
    example: 'a-long-random-string',
    defaultText: 'none (not on the public port)',
    schema: z.string().min(16, 'use at least 16 characters').optional(),
  },
  {
    name: 'REDIS_URL',
    description:
      'join a cluster of Parley nodes sharing this Redis (redis://host:6379); unset: one node on its own, no Redis',
    example: 'redis://127.0.0.1:6379',
    defaultText: 'none (a single node)',
    schema: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// address' }).optional(),
  },
  {
    name: 'NODE_NAME',
    description: "this node's name in a cluster (X-Parley-Node header, metrics label, room ownership)",
    example: 'parley-1',
    defaultText: 'the host name',
    schema: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'must be 1 to 63 letters, digits, ".", "_" or "-"')
      .optional(),
  },
  {
    name: 'LOG_LEVEL',
    description: `log level: ${logLevels.join(', ')}`,
    example: 'info',
    defaultText: 'info',
    schema: z.enum(logLevels).default('info'),
  },
] as const satisfies readonly Setting[];
