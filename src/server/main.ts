import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import { ConfigError, helpText, loadConfig, loadEnvFile } from './config/load.js';
import { createLogger } from './log.js';

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

const log = createLogger(config.logLevel);
const app = createApp(config, log);
const address = await app.listen();
const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
log.info({ port: address.port, host: address.address }, `listening on http://${shown}:${address.port}`);

let stopping = false;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 5000);
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
