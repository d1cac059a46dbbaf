import assert from 'node:assert/strict';
import { get, rawHttp, type HostileCase } from './context.js';

const notFound = async (port: number, path: string) => {
  const answer = await rawHttp(port, get(path));
  assert.equal(answer.status, 404, path);
  assert.match(answer.body, /There is no room here/);
  assert.doesNotMatch(answer.body, /root:|"dependencies"|<script>alert/, 'nothing leaked or reflected');
};

/** Requests a browser would never send, and some it would, crafted to escape, overflow or inject. */
export const httpCases: HostileCase[] = [
  {
    edge: 'HTTP',
    name: 'path traversal with ../',
    run: ({ port }) => notFound(port, '/../../etc/passwd'),
  },
  {
    edge: 'HTTP',
    name: 'path traversal, percent-encoded',
    run: ({ port }) => notFound(port, '/%2e%2e%2f%2e%2e%2fetc%2fpasswd'),
  },
  {
    edge: 'HTTP',
    name: 'path traversal out of /assets',
    run: ({ port }) => notFound(port, '/assets/..%2f..%2fpackage.json'),
  },
  {
    edge: 'HTTP',
    name: 'script in the path is not reflected',
    run: ({ port }) => notFound(port, '/%3Cscript%3Ealert(1)%3C%2Fscript%3E'),
  },
  {
    edge: 'HTTP',
    name: 'NUL byte in a room name',
    run: ({ port }) => notFound(port, '/room%00name'),
  },
  {
    edge: 'HTTP',
    name: 'a path of 8 KB',
    run: ({ port }) => notFound(port, `/${'a'.repeat(8192)}`),
  },
  {
    edge: 'HTTP',
    name: 'headers over 16 KB: 431',
    run: async ({ port }) => {
      const answer = await rawHttp(port, get('/team-room', `X-Big: ${'a'.repeat(20_000)}\r\n`));
      assert.equal(answer.status, 431);
    },
  },
  {
    edge: 'HTTP',
    name: 'a request line that is not HTTP: 400',
    run: async ({ port }) => assert.equal((await rawHttp(port, 'GARBAGE\r\n\r\n')).status, 400),
  },
  {
    edge: 'HTTP',
    name: 'a 1 MB body posted to a room page is not read: 404',
    run: async ({ port }) => {
      const body = 'x'.repeat(1024 * 1024);
      const answer = await rawHttp(
        port,
        `POST /team-room HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      );
      assert.equal(answer.status, 404);
    },
  },
  {
    edge: 'HTTP',
    name: 'a foreign Host header does not steer the redirect',
    run: async ({ port }) => {
      const answer = await rawHttp(port, `GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`);
      assert.equal(answer.status, 302);
      const response = await fetch(`http://127.0.0.1:${port}/`, {
        redirect: 'manual',
        headers: { host: 'evil.example' },
      });
      assert.match(
        response.headers.get('location') ?? '',
        /^\/[a-z]{4}-[a-z]{4}-[a-z]{4}$/,
        'a relative address, not evil.example',
      );
    },
  },
  {
    edge: 'HTTP',
    name: 'peer discovery stays off: 401',
    run: async ({ url }) => assert.equal((await fetch(`${url}/peerjs/peerjs/peers`)).status, 401),
  },
  {
    edge: 'HTTP',
    name: 'no CORS grant to another origin',
    run: async ({ url }) => {
      const response = await fetch(`${url}/peerjs/peerjs/id`, { headers: { origin: 'https://evil.example' } });
      assert.equal(response.headers.get('access-control-allow-origin'), null);
      const page = await fetch(`${url}/team-room`, { headers: { origin: 'https://evil.example' } });
      assert.equal(page.headers.get('access-control-allow-origin'), null);
      assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'self'/);
    },
  },
  {
    edge: 'HTTP',
    name: 'a socket.io handshake from another site is refused when PUBLIC_URL is set (403)',
    run: async ({ url }) => {
      const response = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, {
        headers: { origin: 'https://evil.example' },
      });
      assert.equal(response.status, 403);
    },
  },
  {
    edge: 'HTTP',
    name: 'a WebSocket upgrade to a path nobody serves: 404, and the server ends the socket itself',
    run: async ({ port }) => {
      const answer = await rawHttp(
        port,
        'GET /ws-nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
        { keepOpen: true },
      );
      assert.equal(answer.status, 404);
      assert.equal(answer.endedByServer, true);
    },
  },
  {
    edge: 'HTTP',
    name: 'metrics are not on the public port: 404',
    run: async ({ url }) => assert.equal((await fetch(`${url}/metrics`)).status, 404),
  },
];
