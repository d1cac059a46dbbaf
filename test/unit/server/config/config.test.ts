import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, envExample, helpText, loadConfig } from '../../../../src/server/config/load.js';
import { settings } from '../../../../src/server/config/settings.js';
import { iceServersFor, turnCredential } from '../../../../src/server/ice/credentials.js';
import { selfSignedCertificate } from '../../../../src/server/tls/selfSigned.js';

const load = (env: Record<string, string>) => loadConfig(env, '/client');
const failure = (env: Record<string, string>): string => {
  try {
    load(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.message;
  }
  assert.fail(`accepted ${JSON.stringify(env)}`);
};

describe('configuration', () => {
  it('has defaults for everything', () => {
    const config = load({});
    assert.equal(config.port, 3000);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.trustProxy, 0, 'no proxy');
    assert.equal(config.publicOrigin, undefined);
    assert.equal(config.roomCapacity, 8);
    assert.equal(config.maxConnectionsPerAddress, 100);
    assert.deepEqual(config.stunUrls, []);
    assert.equal(config.turn, undefined);
    assert.deepEqual(config.metrics, { host: '127.0.0.1', port: 9464, token: undefined }, 'off the public port');
    assert.equal(config.logLevel, 'info');
    assert.ok(Object.isFrozen(config));
  });

  it('treats empty values as unset', () => {
    assert.equal(load({ PORT: '', LOG_LEVEL: '' }).port, 3000);
  });

  it('reads every setting', () => {
    const config = load({
      PORT: '8080',
      HOST: '127.0.0.1',
      PUBLIC_URL: 'https://Meet.Example.org/',
      TRUST_PROXY: '10.0.0.0/8, loopback',
      ROOM_CAPACITY: '4',
      MAX_CONNECTIONS_PER_IP: '0',
      ICE_SERVERS: 'stun:stun.example.org:3478, stun:stun2.example.org',
      TURN_URLS: 'turn:turn.example.org:3478?transport=udp,turns:turn.example.org:5349',
      TURN_SECRET: '0123456789abcdef-secret',
      TURN_TTL: '600',
      METRICS: 'off',
      LOG_LEVEL: 'debug',
    });
    assert.equal(config.port, 8080);
    assert.equal(config.publicOrigin, 'https://meet.example.org');
    assert.deepEqual(config.trustProxy, ['10.0.0.0/8', 'loopback']);
    assert.equal(config.roomCapacity, 4);
    assert.equal(config.maxConnectionsPerAddress, 0, '0 turns the cap off');
    assert.deepEqual(config.stunUrls, ['stun:stun.example.org:3478', 'stun:stun2.example.org']);
    assert.deepEqual(config.turn?.urls, ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349']);
    assert.equal(config.turn?.ttlSeconds, 600);
    assert.equal(config.metrics, undefined);
    assert.deepEqual(load({ METRICS_PORT: '9100', METRICS_HOST: '10.0.0.5', METRICS_TOKEN: 'a'.repeat(16) }).metrics, {
      host: '10.0.0.5',
      port: 9100,
      token: 'a'.repeat(16),
    });
    assert.equal(load({ TRUST_PROXY: '2' }).trustProxy, 2);
    // One proxy: never "every hop", whose leftmost X-Forwarded-For entries the client wrote.
    assert.equal(load({ TRUST_PROXY: 'true' }).trustProxy, 1);
    assert.equal(load({ TRUST_PROXY: 'false' }).trustProxy, 0);
  });

  it('names the bad variable and its value in every error', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ PORT: 'eighty' }, /^ {2}PORT="eighty": must be a whole number from 0 to 65535$/m],
      [{ PORT: '70000' }, /PORT="70000": must be a whole number from 0 to 65535/],
      [{ ROOM_CAPACITY: '1' }, /ROOM_CAPACITY="1": /],
      [{ ROOM_CAPACITY: '2.5' }, /ROOM_CAPACITY="2.5": must be a whole number from 2 to 50/],
      [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud": /],
      [{ MAX_CONNECTIONS_PER_IP: '-1' }, /MAX_CONNECTIONS_PER_IP="-1": must be a whole number from 0 to 100000/],
      [{ MAX_CONNECTIONS_PER_IP: 'lots' }, /MAX_CONNECTIONS_PER_IP="lots": must be a whole number/],
      [{ TRUST_PROXY: 'the usual' }, /TRUST_PROXY="the usual": must be true \(one proxy\), false, a number/],
      [{ TRUST_PROXY: '10.0.0.0/33' }, /TRUST_PROXY="10.0.0.0\/33": must be/],
      [{ TRUST_PROXY: '11' }, /TRUST_PROXY="11": must be/],
      [{ ICE_SERVERS: 'http://stun.example.org' }, /ICE_SERVERS=.*stun: or stuns: URL/],
      [{ TURN_URLS: 'stun:x', TURN_SECRET: '0123456789abcdef' }, /TURN_URLS=.*turn: or turns: URL/],
      [{ TURN_URLS: 'turn:x', TURN_SECRET: 'short' }, /TURN_SECRET="short": use at least 16 characters/],
      [{ TURN_TTL: '5' }, /TURN_TTL="5": /],
      [{ METRICS: 'maybe' }, /METRICS="maybe": /],
      [{ METRICS_PORT: '70000' }, /METRICS_PORT="70000": must be a whole number/],
      [{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN="short": use at least 16/],
      [{ PUBLIC_URL: 'meet.example.org' }, /PUBLIC_URL="meet.example.org": /],
      [{ PUBLIC_URL: 'ftp://meet.example.org' }, /PUBLIC_URL=.*http:\/\/ or https:\/\//],
      [{ PUBLIC_URL: 'https://meet.example.org/room' }, /PUBLIC_URL=.*without a path/],
      [{ TURN_URLS: 'turn:turn.example.org' }, /TURN_SECRET is required when TURN_URLS is set/],
      [{ TURN_SECRET: '0123456789abcdef' }, /TURN_URLS is required when TURN_SECRET is set/],
    ];
    for (const [env, expected] of cases) assert.match(failure(env), expected, JSON.stringify(env));
  });

  it('reports every bad variable at once', () => {
    const message = failure({ PORT: 'x', LOG_LEVEL: 'y' });
    assert.match(message, /PORT=/);
    assert.match(message, /LOG_LEVEL=/);
  });

  it('documents every setting in --help and in .env.example, which is up to date', () => {
    const help = helpText();
    for (const setting of settings) assert.match(help, new RegExp(`^ {2}${setting.name} `, 'm'));
    assert.equal(
      readFileSync('.env.example', 'utf8'),
      envExample(),
      'run: node --import tsx scripts/write-env-example.ts',
    );
  });
});

describe('HTTPS settings', () => {
  it('is plain HTTP by default, or a certificate made at start', () => {
    assert.equal(load({}).tls, undefined);
    assert.equal(load({ HTTPS: 'self-signed' }).tls, 'self-signed');
  });

  it('reads a certificate and key from files with HTTPS=on', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parley-tls-'));
    const { cert, key } = await selfSignedCertificate();
    writeFileSync(path.join(dir, 'cert.pem'), cert);
    writeFileSync(path.join(dir, 'key.pem'), key);
    const config = load({ HTTPS: 'on', TLS_CERT: path.join(dir, 'cert.pem'), TLS_KEY: path.join(dir, 'key.pem') });
    assert.deepEqual(config.tls, { cert, key });
    assert.match(
      failure({ HTTPS: 'on', TLS_CERT: path.join(dir, 'key.pem'), TLS_KEY: path.join(dir, 'key.pem') }),
      /TLS_CERT=".*key.pem": not a PEM certificate/,
    );
    assert.match(
      failure({ HTTPS: 'on', TLS_CERT: path.join(dir, 'cert.pem'), TLS_KEY: path.join(dir, 'cert.pem') }),
      /TLS_KEY=".*cert.pem": not a PEM private key/,
    );
    rmSync(dir, { recursive: true });
  });

  it('names what is missing or wrong', () => {
    assert.match(failure({ HTTPS: 'yes' }), /HTTPS="yes": /);
    assert.match(failure({ HTTPS: 'on' }), /HTTPS=on needs both TLS_CERT and TLS_KEY/);
    assert.match(failure({ TLS_CERT: '/x.pem' }), /TLS_CERT and TLS_KEY are used only with HTTPS=on/);
    assert.match(
      failure({ HTTPS: 'on', TLS_CERT: '/nonexistent/cert.pem', TLS_KEY: '/nonexistent/key.pem' }),
      /TLS_CERT="\/nonexistent\/cert.pem": cannot be read \(ENOENT\)/,
    );
  });
});

describe('TURN credentials', () => {
  it('follow the TURN REST API scheme coturn checks (expiry:user, base64 HMAC-SHA1)', () => {
    // Expected value computed independently: printf '1700003600:peer-1' | openssl dgst -sha1 -hmac SECRET -binary | base64
    const credential = turnCredential('0123456789abcdef-secret', 3600, 'peer-1', 1_700_000_000_000);
    assert.deepEqual(credential, {
      username: '1700003600:peer-1',
      credential: 'DUx+Kl3S+5GDdSMXkj2d+XJiVsE=',
      expiresAt: 1_700_003_600,
    });
  });

  it('go to participants with the STUN list, never with the secret', () => {
    const config = load({
      ICE_SERVERS: 'stun:stun.example.org',
      TURN_URLS: 'turn:turn.example.org:3478',
      TURN_SECRET: '0123456789abcdef-secret',
      TURN_TTL: '120',
    });
    const ice = iceServersFor(config, 'peer-1', 1_700_000_000_000);
    assert.deepEqual(ice.servers[0], { urls: ['stun:stun.example.org'] });
    assert.equal(ice.servers[1]?.username, '1700000120:peer-1');
    assert.equal(ice.expiresAt, 1_700_000_120);
    assert.doesNotMatch(JSON.stringify(ice), /0123456789abcdef-secret/);
    assert.deepEqual(iceServersFor(load({}), 'peer-1'), { servers: [] });
  });
});
