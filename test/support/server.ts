import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunningServer {
  url: string;
  port: number;
  /** Its metrics listener (its own port, on loopback). */
  metricsUrl: string;
  process: ChildProcess;
  /** Every log line the server printed, parsed. */
  logs: Record<string, unknown>[];
  /** What the process wrote to standard error so far (Node's own messages, e.g. the inspector's address). */
  stderr(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts Parley as a user would (its real entry point, in its own process) on a free port. The room page
 * must be built (`npm run build:client`). It listens on 127.0.0.1 unless `env.HOST` names another address
 * of this machine (a veth address, for participants in a network namespace); `url` uses that address.
 */
export async function startServer(
  env: Record<string, string> = {},
  port = 0,
  startTimeoutMs = 20_000,
): Promise<RunningServer> {
  const host = env.HOST ?? '127.0.0.1';
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/server/main.ts')], {
    cwd: projectRoot,
    env: { ...process.env, PORT: String(port), METRICS_PORT: '0', LOG_LEVEL: 'info', ...env, HOST: host },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  let protocol: 'http' | 'https' = 'http';
  let metricsUrl = '';
  const listeningPort = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${startTimeoutMs / 1000} s:\n${stderr}`)),
      startTimeoutMs,
    );
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${stderr}`)));
    if (!child.stdout) throw new Error('the server process has no stdout');
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (typeof entry.metricsUrl === 'string') metricsUrl = entry.metricsUrl.replace(/\/metrics$/, '');
        if (typeof entry.port === 'number' && String(entry.msg).startsWith('listening')) {
          clearTimeout(timer);
          protocol = String(entry.url).startsWith('https:') ? 'https' : 'http';
          resolve(entry.port);
        }
      } catch {
        logs.push({ raw: line });
      }
    });
  });

  return {
    url: `${protocol}://${host.includes(':') ? `[${host}]` : host}:${listeningPort}`,
    port: listeningPort,
    metricsUrl,
    process: child,
    logs,
    stderr: () => stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

/**
 * The server's live JavaScript heap: a full garbage collection, then `heapUsed`, through the process's
 * inspector (started with NODE_OPTIONS=--inspect=127.0.0.1:0, for measurements only). RSS also counts garbage not yet
 * collected and memory the allocator keeps; this is what the participants themselves hold.
 */
export async function liveHeapBytes(server: RunningServer): Promise<number> {
  const address = /ws:\/\/127\.0\.0\.1:\d+\/[\w-]+/.exec(server.stderr())?.[0];
  if (!address) throw new Error('the server has no inspector address');
  const inspector = new WebSocket(address);
  await new Promise((resolve, reject) => {
    inspector.once('open', resolve);
    inspector.once('error', reject);
  });
  let nextId = 1;
  const call = (method: string, params: object = {}) =>
    new Promise<{ result?: { result?: { value?: unknown } } }>((resolve) => {
      const id = nextId++;
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { id?: number; result?: { result?: { value?: unknown } } };
        if (message.id !== id) return;
        inspector.off('message', onMessage);
        resolve(message);
      };
      inspector.on('message', onMessage);
      inspector.send(JSON.stringify({ id, method, params }));
    });
  await call('HeapProfiler.collectGarbage');
  const answer = await call('Runtime.evaluate', { expression: 'process.memoryUsage().heapUsed', returnByValue: true });
  inspector.close();
  return Number(answer.result?.result?.value);
}

/**
 * The first of the server's log lines with this message that also matches `fields`, waited for: a line
 * comes through a pipe, so it can arrive after a page already shows what the server did. Undefined if none
 * came in `timeoutMs`.
 */
export async function logLine(
  server: Pick<RunningServer, 'logs'>,
  msg: string,
  fields: Record<string, unknown> = {},
  timeoutMs = 10_000,
): Promise<Record<string, unknown> | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const entry = server.logs.find(
      (candidate) => candidate.msg === msg && Object.entries(fields).every(([key, value]) => candidate[key] === value),
    );
    if (entry || Date.now() > deadline) return entry;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
