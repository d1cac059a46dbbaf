import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectMediaFromAll, joinAs, waitFor } from '../support/browser.js';
import { membershipPhases } from '../support/pageScripts.js';
import { useIsolatedParticipant } from '../support/netns.js';
import { remoteNames, roomUrl } from '../support/room.js';
import { logLine } from '../support/server.js';

/**
 * A participant whose whole network (signaling and media) goes away, for good or for a moment: the real
 * thing, a Chromium in its own network namespace whose link the test cuts (packets dropped, nothing reset).
 * Presence decides from both channels and the others' reports of media (src/server/presence).
 */
describe('a participant whose network goes away', { timeout: 300_000 }, () => {
  const env = useIsolatedParticipant();

  it('gone for good: out of every grid within 10 s, and back in the room when the network returns', async (t) => {
    const url = roomUrl(env.server.url, 'vanish-room');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const cy = await joinAs(env.browser, url, { name: 'Cy' });
    const bo = await joinAs(env.isolated, url, { name: 'Bo' });
    try {
      await expectMediaFromAll(ada.page, 2);
      await expectMediaFromAll(bo.page, 2);

      const cutAt = Date.now();
      await env.host.cut();
      await Promise.all(
        [ada, cy].map((viewer) =>
          waitFor('Bo gone', async () => !(await remoteNames(viewer.page)).includes('Bo'), 20_000, 100),
        ),
      );
      const goneMs = Date.now() - cutAt;
      t.diagnostic(`gone from both grids ${goneMs} ms after the cut`);
      assert.ok(goneMs <= 10_000, `within 10 s (${goneMs} ms)`);
      const leave = await logLine(env.server, 'participant left', { roomId: 'vanish-room' });
      // Silence on both channels with no media reported, or both channels closed by their own timeouts (which
      // comes first depends on when each timer fires on a busy machine): never a crash or a page's word.
      assert.ok(['silent', 'closed'].includes(String(leave?.cause)), `decided from the channels (${leave?.cause})`);
      await bo.page.getByText('Connection lost. Reconnecting…').waitFor({ timeout: 20_000 });

      await env.host.restore();
      await expectMediaFromAll(ada.page, 2, { timeoutMs: 60_000 });
      await expectMediaFromAll(bo.page, 2, { timeoutMs: 60_000 });
      const phases = await membershipPhases(bo.page);
      t.diagnostic(`Bo's phases: ${phases.join(' → ')}`);
      // Bo's page lost its connections, waited, and joined again (his seat had gone: as someone new).
      assert.deepEqual(phases.slice(0, 4), ['prejoin', 'joining', 'joined', 'reconnecting']);
      assert.equal(phases.at(-1), 'joined');
    } finally {
      await env.host.restore(); // a failure with the link cut must not leave the next test without a network
      for (const participant of [ada, cy, bo]) await participant.context.close();
    }
  });

  it('gone for 3 s: nobody else sees anything, and media goes on once the network is back', async (t) => {
    const url = roomUrl(env.server.url, 'outage-room');
    const ada = await joinAs(env.browser, url, { name: 'Ada' });
    const bo = await joinAs(env.isolated, url, { name: 'Bo' });
    try {
      await expectMediaFromAll(ada.page, 1);
      let missing = 0;
      let watching = true;
      const watch = (async () => {
        while (watching) {
          if (!(await remoteNames(ada.page)).includes('Bo')) missing++;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      await env.host.cut();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await env.host.restore();
      // TCP backs off while the link is down: signaling may take a few more seconds than media to be back.
      await expectMediaFromAll(ada.page, 1, { timeoutMs: 30_000 });
      await waitFor(
        'Bo in the room on his page',
        async () => (await membershipPhases(bo.page)).at(-1) === 'joined',
        30_000,
      );
      watching = false;
      await watch;
      const said = (message: string) =>
        env.server.logs.filter((entry) => entry.msg === message && entry.roomId === 'outage-room').length;
      t.diagnostic(
        `server: ${said('participant away')} away, ${said('participant resumed')} resumed; ` +
          `Bo's phases: ${(await membershipPhases(bo.page)).join(' → ')}`,
      );
      assert.equal(missing, 0, "Bo's tile never left Ada's page");
      assert.equal(said('participant left'), 0, 'nobody left, as far as the server is concerned');
    } finally {
      await env.host.restore();
      for (const participant of [ada, bo]) await participant.context.close();
    }
  });
});
