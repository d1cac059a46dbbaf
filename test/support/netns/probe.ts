import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { IsolatedHost } from './host.js';

/**
 * Measures the link of an isolated host directly, without browsers: the test process on the root side, a
 * small agent (probeAgent.mjs) inside the namespace. This is what proves `shape`, `unshape`, `cut` and
 * `restore` do what they say, independently of how a browser's congestion control reacts to them.
 */
const agentPath = fileURLToPath(new URL('./probeAgent.mjs', import.meta.url));

interface Agent {
  /** The value of the agent's next output line starting with `key`. */
  read(key: string, timeoutMs?: number): Promise<string>;
  stop(): void;
}

function startAgent(host: IsolatedHost, args: (string | number)[]): Agent {
  const child = spawn('ip', ['netns', 'exec', host.namespace, process.execPath, agentPath, ...args.map(String)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const wake of waiters) wake();
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
    for (const wake of waiters) wake();
  });
  return {
    read(key, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const index = lines.findIndex((line) => line.startsWith(`${key} `));
          if (index >= 0) {
            const [line] = lines.splice(index, 1);
            done();
            resolve((line ?? '').slice(key.length + 1));
          } else if (exited) {
            done();
            reject(new Error(`probe agent exited without "${key}": ${stderr.trim()}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`probe agent said no "${key}" in ${timeoutMs} ms: ${stderr.trim()}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

async function listen(host: IsolatedHost, onConnection: (socket: Socket) => void): Promise<Server & { port: number }> {
  const server = createServer(onConnection);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host.hostAddress, resolve);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return Object.assign(server, { port: address.port });
}

function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result in ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** TCP throughput over `windowMs` from the first byte, in kbit/s: 'up' leaves the namespace, 'down' enters it. */
export async function tcpThroughputKbit(host: IsolatedHost, direction: 'up' | 'down', windowMs = 2000) {
  const sockets = new Set<Socket>();
  let counted: Promise<number> | undefined;
  const server = await listen(host, (socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    if (direction === 'down') {
      const chunk = Buffer.alloc(16 * 1024);
      const pump = () => {
        while (!socket.destroyed) if (!socket.write(chunk)) return void socket.once('drain', pump);
      };
      pump();
      return;
    }
    counted = new Promise((resolve) => {
      let bytes = 0;
      socket.on('data', (data: Buffer) => {
        if (bytes === 0)
          setTimeout(() => {
            socket.destroy();
            resolve(bytes);
          }, windowMs);
        bytes += data.length;
      });
    });
  });
  const mode = direction === 'up' ? 'tcp-send' : 'tcp-receive';
  const agent = startAgent(host, [mode, host.hostAddress, server.port, windowMs]);
  try {
    const bytes =
      direction === 'down'
        ? Number(await agent.read('bytes', windowMs + 15_000))
        : await within(
            (async () => {
              while (!counted) await new Promise((resolve) => setTimeout(resolve, 20));
              return counted;
            })(),
            windowMs + 15_000,
            'TCP upload measurement',
          );
    return Math.round((bytes * 8) / windowMs);
  } finally {
    agent.stop();
    for (const socket of sockets) socket.destroy();
    server.close();
  }
}

/** Share of `count` UDP datagrams (one a millisecond) that crossed the link in `direction`. */
export async function udpDelivery(host: IsolatedHost, direction: 'up' | 'down', count = 2000): Promise<number> {
  if (direction === 'down') {
    const agent = startAgent(host, ['udp-receive', host.namespaceAddress, 0, 1000]);
    const socket = createSocket('udp4');
    try {
      const port = Number(await agent.read('port'));
      for (let sent = 0; sent < count; sent++) {
        socket.send(Buffer.alloc(200), port, host.namespaceAddress);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      return Number(await agent.read('received', 15_000)) / count;
    } finally {
      agent.stop();
      socket.close();
    }
  }
  const socket = createSocket('udp4');
  let received = 0;
  let lastAt = Date.now();
  socket.on('message', () => {
    received++;
    lastAt = Date.now();
  });
  await new Promise<void>((resolve) => socket.bind(0, host.hostAddress, resolve));
  const agent = startAgent(host, ['udp-send', host.hostAddress, socket.address().port, count]);
  try {
    // Done once nothing has arrived for a second after the first datagram (or 15 s pass).
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && (received === 0 || Date.now() - lastAt < 1000))
      await new Promise((resolve) => setTimeout(resolve, 100));
    return received / count;
  } finally {
    agent.stop();
    socket.close();
  }
}

export interface WatchedConnection {
  /** Bytes echoed back through the namespace so far. */
  echoed(): number;
  /** Why the connection ended, if it did (a reset, an error, a close). */
  ended(): string | undefined;
  close(): void;
}

/**
 * A TCP connection from inside the namespace to the root side, echoing a small message sent every 100 ms:
 * to show that a cut stops traffic without resetting anything, and that it flows again on the same
 * connection after `restore()`.
 */
export async function watchTcpConnection(host: IsolatedHost): Promise<WatchedConnection> {
  let echoed = 0;
  let ended: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let connection: Socket | undefined;
  const server = await listen(host, (socket) => {
    connection = socket;
    socket.on('data', (data: Buffer) => (echoed += data.length));
    socket.on('error', (error) => (ended ??= `error: ${error.message}`));
    socket.on('close', () => (ended ??= 'closed'));
    timer = setInterval(() => socket.write('ping'), 100);
  });
  const agent = startAgent(host, ['tcp-echo', host.hostAddress, server.port]);
  try {
    await agent.read('connected');
  } catch (error) {
    agent.stop();
    server.close();
    throw error;
  }
  return {
    echoed: () => echoed,
    ended: () => ended,
    close() {
      clearInterval(timer);
      connection?.destroy();
      agent.stop();
      server.close();
    },
  };
}
