// `npm run cluster`: one machine, a whole cluster. redis-server, NODES Parley nodes (default 3) and nginx in
// front on PORT (default 3000), each in a temporary folder with its own port; one line per node with its name,
// port and process id; Ctrl-C stops them all. Installs redis-server and nginx from Debian when missing (as
// root, like the tests do for Chromium). Needs the build (`npm run cluster` builds first).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { freePort, startNginx, startRedis, type NodeAddress } from './cluster/services.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nodeCount = Number(process.env.NODES ?? 3);
const frontPort = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(nodeCount) || nodeCount < 1 || nodeCount > 32) throw new Error('NODES must be 1 to 32');

function ensurePackages(): void {
  const missing = [
    { name: 'redis-server', binary: '/usr/bin/redis-server' },
    { name: 'nginx', binary: '/usr/sbin/nginx' },
  ].filter((item) => !existsSync(item.binary));
  if (missing.length === 0) return;
  const names = missing.map((item) => item.name);
  if (process.getuid?.() !== 0) {
    console.error(`missing: ${names.join(', ')}. Install with: sudo apt-get install -y ${names.join(' ')}`);
    process.exit(1);
  }
  console.log(`installing ${names.join(' ')} with apt-get...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...names], { stdio: 'inherit', env });
}

/** Starts one node from the build; resolves once it listens. */
function startNode(name: string, port: number, metricsPort: number, redisUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(root, 'dist/server/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      METRICS_PORT: String(metricsPort),
      NODE_NAME: name,
      REDIS_URL: redisUrl,
      TRUST_PROXY: 'loopback',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before listening`)));
    if (!child.stdout) return reject(new Error(`${name} has no standard output`));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (process.env.CLUSTER_LOGS) console.log(line);
      if (line.includes('"msg":"listening')) resolve(child);
    });
  });
}

ensurePackages();
const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-cluster-'));
const redis = await startRedis(dir, await freePort());
const nodes: (NodeAddress & { process: ChildProcess })[] = [];
for (let index = 0; index < nodeCount; index++) {
  const name = `parley-${index + 1}`;
  const port = await freePort();
  const child = await startNode(name, port, await freePort(), redis.url);
  nodes.push({ name, port, process: child });
  console.log(`${name}  port ${port}  pid ${child.pid}`);
}
const nginx = await startNginx(dir, frontPort, nodes);
console.log(`redis  port ${redis.port}  pid ${redis.process.pid}`);
console.log(`nginx  port ${frontPort}  pid ${nginx.process.pid}`);
console.log(`open http://localhost:${frontPort}  (Ctrl-C stops everything)`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await nginx.stop();
  await Promise.all(
    nodes.map(
      (node) =>
        new Promise<void>((resolve) => {
          if (node.process.exitCode !== null) return resolve();
          node.process.once('exit', () => resolve());
          node.process.kill('SIGTERM');
        }),
    ),
  );
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
