import assert from 'node:assert/strict';
import { closeCode, connectPeer, connectSocket, rawSocket, refusal, type HostileCase } from './context.js';

const join = (roomId: unknown, peerId: unknown, options?: unknown) =>
  options === undefined ? [roomId, peerId] : [roomId, peerId, options];

/** A refused join from a fresh connection (each has its own allowance). */
function joinCase(
  name: string,
  code: string,
  args: (context: Parameters<HostileCase['run']>[0]) => unknown[],
): HostileCase {
  return {
    edge: 'socket.io',
    name: `join-room: ${name} → ${code}`,
    run: async (context) => {
      const socket = await context.outsider();
      assert.equal(await refusal(socket, 'join-room', ...args(context)), code);
      assert.equal(socket.connected, true, 'the sender stays connected');
    },
  };
}

export const socketCases: HostileCase[] = [
  joinCase('room id is an object', 'invalid-room', () => join({ $gt: '' }, 'p1')),
  joinCase('room id walks up the tree', 'invalid-room', () => join('../../etc', 'p1')),
  joinCase("room id is the server's own path", 'invalid-room', () => join('peerjs', 'p1')),
  joinCase('room id of 10,000 characters', 'invalid-room', () => join('a'.repeat(10_000), 'p1')),
  joinCase('peer id with markup', 'invalid-peer-id', ({ room }) => join(room, '<script>alert(1)</script>')),
  joinCase('peer id is a number', 'invalid-peer-id', ({ room }) => join(room, 12345)),
  joinCase('options are a string', 'invalid-payload', ({ room }) => join(room, 'p1', 'admin=true')),
  joinCase('options with wrong types', 'invalid-payload', ({ room }) => join(room, 'p1', { audio: 'yes' })),
  joinCase('a resume token of 100 characters', 'invalid-payload', ({ room }) =>
    join(room, 'p1', { resume: 'x'.repeat(100) }),
  ),
  joinCase('a name with a right-to-left override', 'invalid-name', ({ room }) =>
    join(room, 'p1', { name: 'evil\u202Egnp.exe' }),
  ),
  joinCase('a name with a NUL byte', 'invalid-name', ({ room }) => join(room, 'p1', { name: 'a\u0000b' })),
  joinCase('a name of 200 characters', 'invalid-name', ({ room }) => join(room, 'p1', { name: 'x'.repeat(200) })),
  joinCase("Ada's peer id (spoofed)", 'peer-id-taken', ({ room, adaId }) => join(room, adaId)),
  joinCase("Ada's peer id with a made-up resume token", 'peer-id-taken', ({ room, adaId }) =>
    join(room, adaId, { resume: 'A'.repeat(32) }),
  ),
  joinCase('a peer id not on the PeerServer', 'peer-not-connected', () => join('elsewhere-room', 'ghost-id')),
  {
    edge: 'socket.io',
    name: 'join-room: a fourth person in a room for three → room-full',
    run: async ({ room, outsiderPeer }) => {
      const { socket, peer } = await outsiderPeer('lobby-room');
      const other = await socket.emitWithAck('leave-room');
      assert.ok(other.ok);
      assert.equal(await refusal(socket, 'join-room', room, peer.id, { peerToken: peer.token }), 'room-full');
    },
  },
  {
    edge: 'socket.io',
    name: 'media-state with a string → invalid-payload',
    run: async ({ mallory }) => assert.equal(await refusal(mallory.socket, 'media-state', 'muted'), 'invalid-payload'),
  },
  {
    edge: 'socket.io',
    name: 'media-state with a non-boolean screen → invalid-payload',
    run: async ({ mallory }) =>
      assert.equal(
        await refusal(mallory.socket, 'media-state', { audio: true, video: true, screen: 'yes' }),
        'invalid-payload',
      ),
  },
  {
    edge: 'socket.io',
    name: 'media-state before joining → not-joined',
    run: async ({ outsider }) =>
      assert.equal(await refusal(await outsider(), 'media-state', { audio: false, video: false }), 'not-joined'),
  },
  {
    edge: 'socket.io',
    name: 'raise-hand with an object → invalid-payload',
    run: async ({ mallory }) =>
      assert.equal(await refusal(mallory.socket, 'raise-hand', { raised: 1 }), 'invalid-payload'),
  },
  {
    edge: 'socket.io',
    name: 'chat of 2,001 characters → invalid-message',
    run: async ({ mallory }) =>
      assert.equal(
        await refusal(mallory.socket, 'chat-message', { clientId: 'h1', text: 'x'.repeat(2001) }),
        'invalid-message',
      ),
  },
  {
    edge: 'socket.io',
    name: 'chat with control characters → invalid-message',
    run: async ({ mallory }) =>
      assert.equal(
        await refusal(mallory.socket, 'chat-message', { clientId: 'h2', text: 'ring\u0007\u001b[2J' }),
        'invalid-message',
      ),
  },
  {
    edge: 'socket.io',
    name: 'chat text that is an object → invalid-message',
    run: async ({ mallory }) =>
      assert.equal(
        await refusal(mallory.socket, 'chat-message', { clientId: 'h3', text: { toString: 'x' } }),
        'invalid-message',
      ),
  },
  {
    edge: 'socket.io',
    name: 'chat with a markup clientId → invalid-payload',
    run: async ({ mallory }) =>
      assert.equal(await refusal(mallory.socket, 'chat-message', { clientId: '<img>', text: 'hi' }), 'invalid-payload'),
  },
  {
    edge: 'socket.io',
    name: 'chat from outside the room → not-joined',
    run: async ({ outsider }) =>
      assert.equal(
        await refusal(await outsider(), 'chat-message', { clientId: 'h4', text: 'let me in' }),
        'not-joined',
      ),
  },
  {
    edge: 'socket.io',
    name: 'script in chat arrives as inert text',
    run: async ({ mallory, chatSeenByCall }) => {
      const text = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
      const result = await mallory.socket.emitWithAck('chat-message', { clientId: 'h5', text });
      assert.ok(result.ok, 'accepted: it is only text');
      const seen = await chatSeenByCall(text);
      assert.ok(seen.filter((message) => message === text).length === 2, 'both Ada and Bo show it as text');
    },
  },
  {
    edge: 'socket.io',
    name: 'peek-room with an object → invalid-room',
    run: async ({ outsider }) =>
      assert.equal(await refusal(await outsider(), 'peek-room', { room: 1 }), 'invalid-room'),
  },
  {
    edge: 'socket.io',
    name: 'ice-servers before joining → not-joined',
    run: async ({ outsider }) => assert.equal(await refusal(await outsider(), 'ice-servers'), 'not-joined'),
  },
  {
    edge: 'socket.io',
    name: 'call-report with a made-up outcome → invalid-payload',
    run: async ({ mallory }) =>
      assert.equal(await refusal(mallory.socket, 'call-report', { outcome: 'pwned' }), 'invalid-payload'),
  },
  {
    edge: 'socket.io',
    name: 'leave-room for somebody else: only oneself can leave → not-joined',
    run: async ({ outsider, adaId }) =>
      assert.equal(await refusal(await outsider(), 'leave-room', adaId), 'not-joined'),
  },
  {
    edge: 'socket.io',
    name: 'an event outside the protocol → unknown-event',
    run: async ({ mallory }) => assert.equal(await refusal(mallory.socket, 'kick-everyone'), 'unknown-event'),
  },
  {
    edge: 'socket.io',
    name: 'an event named __proto__ → unknown-event',
    run: async ({ outsider }) => assert.equal(await refusal(await outsider(), '__proto__', {}), 'unknown-event'),
  },
  {
    edge: 'socket.io',
    name: 'a chat flood: eight go through, the rest → rate-limited',
    run: async ({ outsiderPeer }) => {
      const { socket } = await outsiderPeer('flood-room');
      const codes = await Promise.all(
        // Twenty: eight accepted and twelve refused stay within the strikes a connection is allowed.
        Array.from({ length: 20 }, async (_, index) => {
          const result = await socket.emitWithAck('chat-message', { clientId: `f${index}`, text: 'spam' });
          return result.ok ? 'ok' : result.error.code;
        }),
      );
      assert.equal(codes.filter((code) => code === 'ok').length, 8);
      assert.ok(
        codes.slice(8).every((code) => code === 'rate-limited'),
        codes.join(),
      );
    },
  },
  {
    edge: 'socket.io',
    name: 'a connection that keeps misbehaving is told too-many-errors and disconnected',
    run: async ({ outsider }) => {
      const socket = await outsider();
      const codes: string[] = [];
      socket.on('parley-error', (error) => codes.push(error.code));
      const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      for (let index = 0; index < 30; index++) socket.emit('media-state', null as never);
      assert.equal(await gone, 'io server disconnect');
      assert.equal(codes.at(-1), 'too-many-errors');
    },
  },
  {
    edge: 'socket.io',
    name: 'a frame over 64 KB closes only that connection',
    run: async ({ outsider }) => {
      const socket = await outsider();
      const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      socket.emit('chat-message', { clientId: 'big', text: 'x'.repeat(200_000) });
      assert.equal(await gone, 'transport close');
    },
  },
  {
    edge: 'socket.io',
    name: 'bytes that are not socket.io packets close only that connection',
    run: async ({ url }) => {
      const socket = await rawSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
      socket.send('40');
      socket.send('42["join-room",');
      socket.send('\u0000\u0001binary garbage');
      assert.notEqual(await closeCode(socket), 0, 'closed by the server');
    },
  },
  {
    edge: 'socket.io',
    name: 'join-room with someone’s peer id and a token that is not theirs → peer-id-taken',
    run: async ({ outsider, url }) => {
      const peer = await connectPeer(url);
      try {
        const socket = await outsider();
        assert.equal(
          await refusal(socket, 'join-room', 'lair-room', peer.id, { peerToken: 'guessed' }),
          'peer-id-taken',
        );
      } finally {
        await peer.close();
      }
    },
  },
  {
    edge: 'socket.io',
    name: 'join-room into another room than the connection was opened for → invalid-room',
    run: async ({ url, room }) => {
      const peer = await connectPeer(url);
      const socket = await connectSocket(url, ['websocket'], { room: 'some-other-room' });
      try {
        assert.equal(await refusal(socket, 'join-room', room, peer.id, { peerToken: peer.token }), 'invalid-room');
      } finally {
        socket.disconnect();
        await peer.close();
      }
    },
  },
  {
    edge: 'socket.io',
    name: 'a media report naming 100 people → invalid-payload',
    run: async ({ mallory }) =>
      assert.equal(
        await refusal(mallory.socket, 'media-report', {
          receiving: Array.from({ length: 100 }, (_, index) => `p${index}`),
        }),
        'invalid-payload',
      ),
  },
  {
    edge: 'socket.io',
    name: 'peek-room as fast as it goes: names for a few looks a second, then rate-limited',
    run: async ({ outsider, room }) => {
      const socket = await outsider();
      const codes: string[] = [];
      for (let index = 0; index < 40; index++) {
        const result = (await socket.emitWithAck('peek-room', room)) as { ok: boolean; error?: { code: string } };
        codes.push(result.ok ? 'ok' : (result.error?.code ?? ''));
      }
      assert.ok(codes.includes('rate-limited'), codes.join());
      assert.equal(codes.filter((code) => code === 'ok').length <= 32, true);
    },
  },
];
