import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import { connectCluster } from './cluster/cluster.js';
import { ConfigError, helpText, loadConfig, loadEnvFile } from './config/load.js';
import { createLogger } from './log.js';
import { lanAddresses, selfSignedCertificate } from './tls/selfSigned.js';

// Works from src/server (tsx) and dist/server (built): the built page is in dist/client either way.
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const clientDir = path.join(projectRoot, 'dist', 'client');

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(helpText());
  process.exit(0);
}

let config;
try {
  loadEnvFile();
  config = loadConfig(process.env, clientDir);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`parley: ${error.message}\n`);
  process.exit(2);
}

const log = config.redisUrl
  ? createLogger(config.logLevel).child({ node: config.nodeName })
  : createLogger(config.logLevel);
const tls = config.tls === 'self-signed' ? await selfSignedCertificate(config.publicOrigin) : config.tls;
if (config.redisUrl) log.info({ redis: redactedUrl(config.redisUrl) }, 'joining the cluster (waiting for redis)');
const cluster = config.redisUrl ? await connectCluster(config.redisUrl, config.nodeName, log) : undefined;
const app = createApp(config, log, { ...(tls ? { tls } : {}), ...(cluster ? { cluster } : {}) });
const address = await app.listen();
// Listening on every interface: show the address a person can open on this machine.
const everywhere = address.address === '0.0.0.0' || address.address === '::';
const shown = everywhere ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
const url = `${app.protocol}://${shown}:${address.port}`;
const metrics = app.metricsAddress();
const metricsUrl =
  metrics && `http://${metrics.family === 'IPv6' ? `[${metrics.address}]` : metrics.address}:${metrics.port}/metrics`;
log.info({ port: address.port, host: address.address, url, metricsUrl }, `listening on ${url}`);
if (config.publicOrigin) log.info({ publicUrl: config.publicOrigin }, `people open ${config.publicOrigin}`);
if (config.tls === 'self-signed') {
  const lan = lanAddresses().map((ip) => `${app.protocol}://${ip.includes(':') ? `[${ip}]` : ip}:${address.port}`);
  log.info({ urls: lan }, 'self-signed certificate: on other devices, open one of these and accept the warning once');
}

/** The Redis address without its password, for the log. */
function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

let stopping = false;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  // A cluster node hands its rooms over first (a couple of seconds at most).
  const force = setTimeout(() => process.exit(1), cluster ? 9000 : 5000);
  force.unref();
  app.close().then(
    () => process.exit(0),
    (error: unknown) => {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    },
  );
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
