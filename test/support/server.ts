import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunningServer {
  url: string;
  port: number;
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
export async function startServer(env: Record<string, string> = {}, port = 0): Promise<RunningServer> {
  const host = env.HOST ?? '127.0.0.1';
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/server/main.ts')], {
    cwd: projectRoot,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'info', ...env, HOST: host },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  let protocol: 'http' | 'https' = 'http';
  const listeningPort = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 20 s:\n${stderr}`)), 20_000);
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${stderr}`)));
    if (!child.stdout) throw new Error('the server process has no stdout');
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
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
