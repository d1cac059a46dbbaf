import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestServer, type TestServer } from '../support/clients.js';

describe('HTTP routes', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  const get = (path: string) => fetch(`${server.url}${path}`, { redirect: 'manual' });

  it('sends / to a fresh room with a readable, hard-to-guess name', async () => {
    const first = await get('/');
    const second = await get('/');
    assert.equal(first.status, 302);
    const location = first.headers.get('location') ?? '';
    assert.match(location, /^\/[a-z]{4}-[a-z]{4}-[a-z]{4}$/, 'a readable, hard-to-guess name');
    assert.notEqual(location, second.headers.get('location'));
    assert.equal(first.headers.get('cache-control'), 'no-store');
  });

  it('serves the room page for UUIDs and readable names, with a strict policy and no inline script', async () => {
    for (const room of ['/team-standup', '/0b6f3a52-7d4e-4c1a-9a55-2f1f0f4f9e21', '/abc']) {
      const response = await get(room);
      assert.equal(response.status, 200, room);
      const html = await response.text();
      assert.match(html, /<div id="app">/);
      assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'every script has a src');
      assert.doesNotMatch(html, /https?:\/\//, 'nothing loads from another origin');
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.equal(response.headers.get('x-powered-by'), null);
      assert.equal(response.headers.get('cache-control'), 'no-cache');
    }
  });

  it('sends mixed-case room names to their lower-case address', async () => {
    const response = await get('/Team-Standup');
    assert.equal(response.status, 308);
    assert.equal(response.headers.get('location'), '/team-standup');
  });

  it('answers invalid room names and unknown paths with a friendly 404 page', async () => {
    for (const path of [
      '/ab',
      `/${'a'.repeat(65)}`,
      '/bad%20room',
      '/peerjs-nope/deeper',
      '/%2e%2e%2fetc',
      '/room.php',
      '/assets/missing.js',
    ]) {
      const response = await get(path);
      assert.equal(response.status, 404, path);
      assert.match(await response.text(), /There is no room here/);
    }
  });

  it('serves hashed assets with long-lived caching', async () => {
    const html = await (await get('/team-standup')).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(script, 'the page references a bundled script');
    const response = await get(script);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('cache-control') ?? '', /max-age=31536000, immutable/);
    assert.match(response.headers.get('content-type') ?? '', /javascript/);
  });

  it('sends scripts and styles compressed to browsers that accept it, and whole to those that do not', async () => {
    const html = await (await get('/team-standup')).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1] ?? '');
    assert.ok(assets.length >= 2, 'the page references scripts and a stylesheet');
    for (const asset of assets) {
      // fetch() would ask for and undo compression by itself: a plain request says exactly what it accepts.
      const whole = await rawGet(asset, undefined);
      assert.equal(whole.status, 200, asset);
      assert.equal(whole.headers['content-encoding'], undefined, asset);
      for (const [accepted, encoding, decode] of [
        ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
        ['gzip, deflate', 'gzip', gunzipSync],
        ['br;q=0, gzip', 'gzip', gunzipSync],
        ['identity', undefined, (body: Buffer) => body],
      ] as const) {
        const response = await rawGet(asset, accepted);
        assert.equal(response.status, 200, `${asset} (${accepted})`);
        assert.equal(response.headers['content-encoding'], encoding, `${asset} (${accepted})`);
        assert.match(String(response.headers.vary), /accept-encoding/i, 'caches keep one copy per encoding');
        assert.match(String(response.headers['content-type']), asset.endsWith('.css') ? /text\/css/ : /javascript/);
        assert.match(String(response.headers['cache-control']), /max-age=31536000, immutable/);
        assert.ok(decode(response.body).equals(whole.body), `${asset} (${accepted}) is the same file`);
        // Text this size compresses to under half; a file under 1 KB only a little.
        const ratio = whole.body.length > 10_000 ? 0.5 : 1;
        if (encoding) assert.ok(response.body.length < whole.body.length * ratio, `${asset} (${encoding}) smaller`);
      }
    }
  });

  it('looks for compressed copies only beside assets that exist, never outside the assets', async () => {
    for (const path of [
      '/assets/..%2f..%2fpackage.json',
      '/assets/..%2f..%2fpackage.json.br',
      '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/assets/.br',
      '/assets/missing.js.gz',
      '/assets/missing.js',
    ]) {
      const response = await rawGet(path, 'br, gzip');
      assert.equal(response.status, 404, path);
      assert.equal(response.headers['content-encoding'], undefined, path);
    }
  });

  /** A GET that sends exactly this Accept-Encoding (or none) and keeps the body as sent. */
  function rawGet(
    path: string,
    acceptEncoding: string | undefined,
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
      const outgoing = request(`${server.url}${path}`, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
        response.on('error', reject);
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
  }
});
