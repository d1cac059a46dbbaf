import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { connectPeer, connectSocket, readMetric, type PeerClient, type TestSocket } from '../support/clients.js';
import { joinAs, launchBrowser, remoteMedia, waitFor, type Participant } from '../support/browser.js';
import type { HostileContext } from '../support/hostile/context.js';
import { httpCases } from '../support/hostile/httpCases.js';
import { hostCases } from '../support/hostile/hostCases.js';
import { peerCases } from '../support/hostile/peerCases.js';
import { socketCases } from '../support/hostile/socketCases.js';
import { peerIdOf, remoteNames } from '../support/room.js';
import { startServer, type RunningServer } from '../support/server.js';

const room = 'hostile-call';

/** A port nobody uses now, so that PUBLIC_URL can name it before the server starts. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('hostile input at every edge, while a call goes on in the same room', () => {
  let server: RunningServer;
  let browser: Browser;
  let ada: Participant;
  let bo: Participant;
  let mallory: { socket: TestSocket; peer: PeerClient };
  let context: HostileContext;
  const opened: { socket: TestSocket; peer?: PeerClient }[] = [];
  /** The last counters seen on each side of the call: every case must leave them growing. */
  const last = new Map<string, { frames: number; packets: number }>();

  before(async () => {
    const port = await freePort();
    server = await startServer({ ROOM_CAPACITY: '3', PUBLIC_URL: `http://127.0.0.1:${port}` }, port);
    browser = await launchBrowser();
    ada = await joinAs(browser, `${server.url}/${room}`, { name: 'Ada' });
    bo = await joinAs(browser, `${server.url}/${room}`, { name: 'Bo' });
    for (const page of [ada.page, bo.page]) await page.keyboard.press('c');
    const malloryPeer = await connectPeer(server.url);
    const mallorySocket = await connectSocket(server.url);
    const joined = await mallorySocket.emitWithAck('join-room', room, malloryPeer.id, { name: 'Mallory' });
    assert.ok(joined.ok);
    mallory = { socket: mallorySocket, peer: malloryPeer };
    // Ada's and Bo's pages draw Mallory once their call to her is set up, or after the render hold's cap:
    // she never answers, so that is up to half a second later (renderHolds.ts).
    for (const page of [ada.page, bo.page]) {
      await waitFor('Mallory on both pages', async () => (await remoteNames(page)).includes('Mallory'), 10_000);
    }
    const adaId = await peerIdOf(bo.page, 'Ada');
    const boId = await peerIdOf(ada.page, 'Bo');
    context = {
      url: server.url,
      port: server.port,
      room,
      adaId,
      boId,
      mallory,
      async outsider() {
        const socket = await connectSocket(server.url);
        opened.push({ socket });
        return socket;
      },
      async stranger() {
        const peer = await connectPeer(server.url);
        const socket = await connectSocket(server.url);
        opened.push({ socket, peer });
        return { socket, peer };
      },
      async outsiderPeer(roomId = 'lair-room') {
        const { socket, peer } = await context.stranger();
        const result = await socket.emitWithAck('join-room', roomId, peer.id, {
          name: 'Outsider',
          peerToken: peer.token,
        });
        assert.ok(result.ok, `the outsider joined ${roomId}`);
        return { socket, peer, joined: result.data };
      },
      dropped: (reason) => readMetric(server, `parley_signaling_dropped_total{reason="${reason}"}`),
      adaConnections: () =>
        ada.page.evaluate(() =>
          (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.map(
            (connection) => connection.signalingState,
          ),
        ),
      async chatSeenByCall(text) {
        const read = (participant: Participant) =>
          participant.page.$$eval('.chat__text', (texts) => texts.map((text) => text.textContent ?? ''));
        // Each page shows a message once it came over its socket and was drawn: wait for both, 10 s at most.
        const seen = async () => [...(await read(ada)), ...(await read(bo))];
        return waitFor(
          'the message on both pages',
          async () => (await seen()).filter((message) => message === text).length >= 2 && (await seen()),
          10_000,
          100,
        ).catch(seen);
      },
    };
    await expectCallLive();
  });

  after(async () => {
    await browser?.close();
    mallory?.socket.disconnect();
    await mallory?.peer.close();
    await server?.stop();
  });

  /** Ada and Bo still see each other (and Mallory), and each one's media still arrives at the other. */
  async function expectCallLive(): Promise<void> {
    assert.deepEqual(await remoteNames(ada.page), ['Bo', 'Mallory'], "Ada's room is unchanged");
    assert.deepEqual(await remoteNames(bo.page), ['Ada', 'Mallory'], "Bo's room is unchanged");
    for (const [viewer, sender] of [
      [ada, 'Bo'],
      [bo, 'Ada'],
    ] as const) {
      await waitFor(
        `${sender}'s media still arriving`,
        async () => {
          const tile = (await remoteMedia(viewer.page)).find((candidate) => candidate.name === sender);
          if (!tile?.playing) return false;
          const previous = last.get(sender) ?? { frames: -1, packets: -1 };
          if (tile.framesDecoded <= previous.frames || tile.audioPacketsReceived <= previous.packets) return false;
          last.set(sender, { frames: tile.framesDecoded, packets: tile.audioPacketsReceived });
          return true;
        },
        15_000,
        100,
      );
    }
  }

  const cases = [...httpCases, ...socketCases, ...peerCases, ...hostCases];
  it(`has at least 50 cases (${cases.length})`, () => assert.ok(cases.length >= 50));

  for (const hostile of cases) {
    it(`${hostile.edge}: ${hostile.name}`, async () => {
      try {
        await hostile.run(context);
      } finally {
        for (const { socket, peer } of opened.splice(0)) {
          socket.disconnect();
          await peer?.close();
        }
      }
      assert.equal(mallory.socket.connected, true, 'Mallory herself was not thrown out by this case');
      await expectCallLive();
    });
  }

  it('says honestly that Mallory, who answers no call, cannot be reached', async () => {
    // Bo has been calling Mallory since she came (Ada too, until Mallory's own bogus offer replaced that).
    const tile = bo.page.locator('.tile').filter({ hasText: 'Mallory' });
    await tile.getByText('Cannot connect. Still trying…').waitFor({ timeout: 30_000 });
  });

  it('shows a clear "full" screen to a fourth person, who can join once there is room', async () => {
    const cy = await joinAs(browser, `${server.url}/${room}`, { name: 'Cy', stayInLobby: true });
    await cy.page.getByText('This meeting is full (3 people). Try again later.').waitFor();
    assert.equal(await cy.page.getByRole('button', { name: 'Join now' }).isDisabled(), true);
    mallory.socket.disconnect();
    await mallory.peer.close();
    await cy.page.getByText('Ada and Bo are in this meeting.').waitFor({ timeout: 10_000 });
    await cy.page.getByRole('button', { name: 'Join now' }).click();
    await cy.page.getByText('Cy (you)').waitFor();
    await waitFor('Ada to see Cy', async () => (await remoteNames(ada.page)).join() === 'Bo,Cy');
    await cy.context.close();
  });
});
