import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {
  freePort,
  startNginx,
  startRedis,
  type NodeAddress,
  type Nginx,
  type Service,
} from '../../scripts/cluster/services.js';
import { startServer, type RunningServer } from './server.js';

export interface ClusterNode extends NodeAddress {
  server: RunningServer;
}

export interface TestCluster {
  /** The front (nginx): everything a client opens. */
  url: string;
  redis: Service & { url: string };
  nginx: Nginx;
  nodes: ClusterNode[];
  /** The node that answers for a room now (its page's X-Parley-Node, through the front). */
  nodeOf(roomId: string): Promise<string>;
  node(name: string): ClusterNode;
  /**
   * Where the front routes a room's requests, asked without claiming the room (a path under the room that no
   * node serves: nginx routes it by the room, the node that gets it answers 404 with its name).
   */
  routeOf(roomId: string): Promise<string>;
  /** Starts another node, not yet behind the front. */
  startNode(): Promise<ClusterNode>;
  /**
   * Which node the front would route each room to if `nodes` were behind it: a second nginx with that
   * configuration is asked, and stopped. Nothing is claimed.
   */
  routesWith(nodes: readonly ClusterNode[], rooms: readonly string[]): Promise<Map<string, string>>;
  /**
   * Puts a node behind the front (one started with `startNode`, or a new one): nginx reloads, live connections
   * stay where they are.
   */
  addNode(started?: ClusterNode): Promise<ClusterNode>;
  /** Starts a stopped (or killed) node again: same name, same port, so nginx's configuration stays as it is. */
  restartNode(name: string): Promise<ClusterNode>;
  /** Redis stops (nothing kept on disk); `redisBack` starts it again, empty, on the same port. */
  stopRedis(): Promise<void>;
  redisBack(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real cluster: redis-server, `nodes` Parley processes (their real entry point) and nginx in front, each
 * on its own free port, in a temporary folder. The room page must be built (`npm run build:client`).
 */
export async function startCluster(nodes = 3, env: Record<string, string> = {}): Promise<TestCluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-cluster-'));
  let redis = await startRedis(dir, await freePort());
  const running: ClusterNode[] = [];
  // A start that fails half-way leaves nothing running.
  const abandon = async (error: unknown): Promise<never> => {
    await Promise.all(running.map((node) => node.server.stop('SIGKILL')));
    await redis.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  };
  const startNode = async (index: number, samePort?: number): Promise<ClusterNode> => {
    const name = `node-${index + 1}`;
    const port = samePort ?? (await freePort());
    const server = await startServer(
      { REDIS_URL: redis.url, NODE_NAME: name, TRUST_PROXY: 'loopback', LOG_LEVEL: 'info', ...env },
      port,
      // Several nodes compile and start on a shared two-core machine: give each its time.
      60_000,
    );
    return { name, port, server };
  };
  // One after the other: three compilations at once on two cores are slower than in turn.
  const frontPort = await freePort();
  const nginx = await (async () => {
    for (let index = 0; index < nodes; index++) running.push(await startNode(index));
    return startNginx(dir, frontPort, running);
  })().catch(abandon);
  const url = `http://127.0.0.1:${frontPort}`;
  let probes = 0;
  return {
    url,
    get redis() {
      return redis;
    },
    nginx,
    nodes: running,
    nodeOf: (roomId) => answeringNode(`${url}/${roomId}`),
    routeOf: (roomId) => answeringNode(`${url}/${roomId}/route-probe`),
    async startNode() {
      const started = await startNode(running.length);
      running.push(started);
      return started;
    },
    async routesWith(nodes, rooms) {
      const probeDir = path.join(dir, `probe-${++probes}`);
      mkdirSync(probeDir);
      const probe = await startNginx(probeDir, await freePort(), nodes);
      try {
        const routes = new Map<string, string>();
        for (const roomId of rooms) {
          routes.set(roomId, await answeringNode(`http://127.0.0.1:${probe.port}/${roomId}/route-probe`));
        }
        return routes;
      } finally {
        await probe.stop();
      }
    },
    node(name) {
      const found = running.find((node) => node.name === name);
      if (!found) throw new Error(`no node ${name}`);
      return found;
    },
    async addNode(started) {
      const added = started ?? (await startNode(running.length));
      if (!running.includes(added)) running.push(added);
      await nginx.reload(running.filter((node) => node.server.process.exitCode === null));
      return added;
    },
    async restartNode(name) {
      const index = running.findIndex((node) => node.name === name);
      const old = running[index];
      if (!old) throw new Error(`no node ${name}`);
      await old.server.stop('SIGKILL');
      const restarted = await startNode(index, old.port);
      running[index] = restarted;
      return restarted;
    },
    async stopRedis() {
      await redis.stop('SIGKILL');
    },
    async redisBack() {
      redis = await startRedis(dir, redis.port);
    },
    async close() {
      await nginx.stop();
      await Promise.all(running.map((node) => node.server.stop('SIGKILL')));
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The node that answered a request (its X-Parley-Node). A fresh connection each time (no keep-alive): after a
 * reload, nginx's old worker goes on serving the connections it has, with the old configuration, and would
 * answer for where the room used to go.
 */
function answeringNode(address: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const request = http.get(address, { agent: false }, (response) => {
      response.resume();
      response.once('end', () => resolve(String(response.headers['x-parley-node'] ?? '')));
    });
    request.once('error', reject);
  });
}
