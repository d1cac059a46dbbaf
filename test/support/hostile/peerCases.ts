import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { peerFrames } from '../peerFrames.js';
import { closeCode, connectPeer, upgradeAnswer, waitUntil, type HostileCase, type HostileContext } from './context.js';

/** Sends frames from Mallory (a member of the call's room) and checks how they were counted. */
export async function expectDropped(
  context: HostileContext,
  reason: string,
  frames: unknown[],
  from = context.mallory.peer,
) {
  const before = await context.dropped(reason);
  for (const frame of frames) from.send(frame as Record<string, unknown>);
  await expectCounted(context, reason, before + frames.length);
  assert.equal(from.socket.readyState, WebSocket.OPEN, 'the sender stays connected');
}

/** Waits (a few seconds at most) for the server's count of frames dropped as `reason` to reach `count`. */
async function expectCounted(context: HostileContext, reason: string, count: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while ((await context.dropped(reason)) < count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal(await context.dropped(reason), count, `dropped as ${reason}`);
}

export const peerCases: HostileCase[] = [
  {
    edge: 'PeerJS',
    name: 'frames that are not JSON → dropped as malformed',
    run: async (context) => {
      const before = await context.dropped('malformed');
      for (const text of ['{not json', '[1,2,3]', 'null', '"OFFER"']) context.mallory.peer.socket.send(text);
      await expectCounted(context, 'malformed', before + 4);
    },
  },
  {
    edge: 'PeerJS',
    name: 'an offer whose SDP is not a session description → malformed',
    run: (context) =>
      expectDropped(context, 'malformed', [
        { ...peerFrames.offer(context.adaId), payload: { ...peerFrames.offer('x').payload, sdp: 'v=0' } },
      ]),
  },
  {
    edge: 'PeerJS',
    name: 'an offer, answer or candidate to oneself → to-self (a socket that does not read would keep them)',
    run: (context) => {
      const self = context.mallory.peer.id;
      return expectDropped(context, 'to-self', [
        peerFrames.offer(self),
        peerFrames.answer(self),
        peerFrames.candidate(self),
      ]);
    },
  },
  {
    edge: 'PeerJS',
    name: 'an offer with a 40 KB SDP → too-large',
    run: (context) =>
      expectDropped(context, 'too-large', [
        {
          ...peerFrames.offer(context.adaId),
          payload: { ...peerFrames.offer('x').payload, sdp: { type: 'offer', sdp: 'a='.repeat(20_000) } },
        },
      ]),
  },
  {
    edge: 'PeerJS',
    name: 'a candidate of 2 KB → too-large',
    run: (context) =>
      expectDropped(context, 'too-large', [
        {
          ...peerFrames.candidate(context.adaId),
          payload: { ...peerFrames.candidate('x').payload, candidate: { candidate: 'c'.repeat(2048) } },
        },
      ]),
  },
  {
    edge: 'PeerJS',
    name: 'an offer addressed with an object → malformed',
    run: (context) => expectDropped(context, 'malformed', [{ ...peerFrames.offer('x'), dst: { $ne: null } }]),
  },
  {
    edge: 'PeerJS',
    name: 'server-only messages sent by a client (EXPIRE, ID-TAKEN, OPEN, ERROR) → unknown-type',
    run: (context) =>
      expectDropped(
        context,
        'unknown-type',
        ['EXPIRE', 'ID-TAKEN', 'OPEN', 'ERROR'].map((type) => ({ type, dst: context.adaId, payload: { msg: 'x' } })),
      ),
  },
  {
    edge: 'PeerJS',
    name: 'an offer to someone in another room → other-room',
    run: async (context) => {
      const { peer } = await context.outsiderPeer('lair-room');
      await expectDropped(
        context,
        'other-room',
        [peerFrames.offer(context.adaId), peerFrames.candidate(context.boId)],
        peer,
      );
    },
  },
  {
    edge: 'PeerJS',
    name: 'a LEAVE for Ada from another room → other-room (it would hang up her calls)',
    run: async (context) => {
      const { peer } = await context.outsiderPeer('lair-room');
      await expectDropped(context, 'other-room', [peerFrames.leave(context.adaId)], peer);
    },
  },
  {
    edge: 'PeerJS',
    name: 'an offer from a PeerJS socket that never joined a room → sender-not-in-room',
    run: async (context) => {
      const loner = await connectPeer(context.url);
      try {
        await expectDropped(context, 'sender-not-in-room', [peerFrames.offer(context.adaId)], loner);
      } finally {
        await loner.close();
      }
    },
  },
  {
    edge: 'PeerJS',
    name: 'a PeerJS socket with no seat flooding offers: no strike each (a late page sends those), closed by the rate (1008)',
    run: async (context) => {
      const loner = await connectPeer(context.url);
      try {
        const closed = closeCode(loner.socket, 5000);
        for (let index = 0; index < 2000 && loner.socket.readyState === WebSocket.OPEN; index++) {
          loner.send(peerFrames.offer(context.adaId));
        }
        assert.equal(await closed, 1008);
        assert.ok((await context.dropped('rate-limited')) > 0, 'closed for its rate, not for each frame');
      } finally {
        await loner.close();
      }
    },
  },
  {
    edge: 'PeerJS',
    name: 'offers to peer ids nobody has → other-room, nothing queued for them',
    run: (context) =>
      expectDropped(
        context,
        'other-room',
        Array.from({ length: 20 }, (_, index) => peerFrames.offer(`absent-${index}`)),
      ),
  },
  {
    edge: 'PeerJS',
    name: 'a spoofed sender: the server stamps the true one, and Ada refuses nothing she should answer',
    run: async (context) => {
      // Mallory is in the room, so the offer is relayed, but as Mallory's: claiming to be Bo changes nothing.
      context.mallory.peer.send({ ...peerFrames.offer(context.adaId), src: context.boId });
      await new Promise((resolve) => setTimeout(resolve, 500));
    },
  },
  {
    edge: 'PeerJS',
    name: 'a connection with Ada\u2019s id and another token → ID-TAKEN',
    run: async (context) => {
      await assert.rejects(connectPeer(context.url, context.adaId, 'a-guessed-token'), /ID-TAKEN/);
    },
  },
  {
    edge: 'PeerJS',
    name: 'a frame over 64 KB closes only that socket (1009)',
    run: async (context) => {
      const flooder = await connectPeer(context.url);
      const closed = closeCode(flooder.socket);
      flooder.socket.send('x'.repeat(100 * 1024));
      assert.equal(await closed, 1009);
    },
  },
  {
    edge: 'PeerJS',
    name: 'a flood of frames is rate-limited, then the socket is closed (1008)',
    run: async (context) => {
      const { peer } = await context.outsiderPeer('flood-peer-room');
      const before = await context.dropped('rate-limited');
      const closed = closeCode(peer.socket, 5000);
      for (let index = 0; index < 1000 && peer.socket.readyState === WebSocket.OPEN; index++) {
        peer.send({ type: 'HEARTBEAT' });
      }
      assert.equal(await closed, 1008);
      assert.ok((await context.dropped('rate-limited')) > before, 'counted as rate-limited');
    },
  },
  {
    edge: 'PeerJS',
    name: 'a second id in the socket’s query (read one way by one part, another way by the next) → refused, 400',
    run: async (context) => {
      const answer = await upgradeAnswer(
        `${context.url.replace('http', 'ws')}/peerjs/peerjs?key=peerjs&id=mallory2&token=t&id=${context.adaId}`,
      );
      assert.equal(answer, 400);
    },
  },
  {
    edge: 'PeerJS',
    name: 'a LEAVE without destination closes that socket: no id-less socket stays open',
    run: async (context) => {
      const { peer } = await context.outsiderPeer('leave-room-x');
      const closed = closeCode(peer.socket);
      peer.send({ type: 'LEAVE' });
      assert.equal(await closed, 1000);
    },
  },
  {
    edge: 'PeerJS',
    name: 'candidates and answers for calls never offered → unknown-call (nothing for the browser to keep)',
    run: (context) =>
      expectDropped(
        context,
        'unknown-call',
        Array.from({ length: 10 }, (_, index) => {
          const frame = index % 2 ? peerFrames.answer(context.adaId) : peerFrames.candidate(context.adaId);
          return { ...frame, payload: { ...frame.payload, connectionId: `mc_never${index}` } };
        }),
      ),
  },
  {
    edge: 'PeerJS',
    name: 'a data-connection offer from a roommate: Ada’s page closes it unanswered, like a call it would refuse',
    run: async (context) => {
      const offer = peerFrames.offer(context.adaId);
      const before = await context.adaConnections();
      context.mallory.peer.send({
        ...offer,
        payload: { ...offer.payload, type: 'data', connectionId: 'dc_hostile', label: 'x', serialization: 'json' },
      });
      // PeerJS makes a connection for a data offer as it arrives; Parley's page closes it at once.
      await waitUntil(async () => {
        const after = await context.adaConnections();
        return after.length > before.length && after.slice(before.length).every((state) => state === 'closed');
      }, 10_000);
    },
  },
];
