import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RunningCoturn {
  port: number;
  /** TURN URLs for this relay, over UDP and over TCP. */
  urls: string[];
  stop(): Promise<void>;
  log(): Promise<string>;
}

async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/**
 * A real coturn on loopback, with the TURN REST API shared secret (`use-auth-secret`). Flags as checked in
 * the field notes: without --allow-loopback-peers permissions fail, which needs --no-cli; without --realm
 * Chromium loops on 401; -n keeps it away from /etc/turnserver.conf.
 */
export async function startCoturn(secret: string): Promise<RunningCoturn> {
  const dir = await mkdtemp(path.join(tmpdir(), 'parley-coturn-'));
  const logFile = path.join(dir, 'turn.log');
  const port = await freeUdpPort();
  const child = spawn(
    '/usr/bin/turnserver',
    [
      '-n',
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${port}`,
      '--min-port=49160',
      '--max-port=49200',
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      '--realm=parley.test',
      '--allow-loopback-peers',
      '--no-tls',
      '--no-dtls',
      '--no-cli',
      `--log-file=${logFile}`,
      '--simple-log',
      '-v',
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = () => readFile(logFile, 'utf8').catch(() => '');
  const deadline = Date.now() + 10_000;
  while (!/listener opened on/i.test(await log())) {
    if (child.exitCode !== null) throw new Error(`turnserver exited (${child.exitCode}):\n${await log()}`);
    if (Date.now() > deadline) throw new Error(`turnserver did not start in 10 s:\n${await log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    urls: [`turn:127.0.0.1:${port}?transport=udp`, `turn:127.0.0.1:${port}?transport=tcp`],
    log,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
