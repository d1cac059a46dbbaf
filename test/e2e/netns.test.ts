import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectMediaFromAll, joinAs, waitFor, type Participant } from '../support/browser.js';
import { writeBusyVideo } from '../support/busyCamera.js';
import { measureReceived, selectedPairs, type ReceivedRates } from '../support/mediaStats.js';
import { useIsolatedParticipant } from '../support/netns.js';
import { assertNothingLeftBy } from '../support/netns/leftovers.js';
import { degraded, describeRates, videoAbove, videoStops } from '../support/netns/calls.js';
import { gradeOnTile, receivedFrom, videoEncodings, type ReceivedFrom } from '../support/quality.js';
import { roomUrl } from '../support/room.js';

const shapedKbit = 500;

/**
 * A participant on a real poor network (issues 10 and 14): Isa is in her own network namespace, Ros is not.
 * A call over her link (netnsLink.test.ts checks the link itself), shaped to 500 kbit/s with 2 % loss,
 * unshaped, cut and restored. Both cameras show a picture with a block of noise (busyCamera.ts) that a
 * free link carries at full size and 500 kbit/s cannot.
 */
describe('a participant in its own network namespace, its link shaped and cut', { timeout: 600_000 }, () => {
  const env = useIsolatedParticipant({ camera: () => writeBusyVideo({ noiseShare: 0.1 }) });
  // Isa is inside the namespace; Ros is in the root namespace.
  let isa: Participant;
  let ros: Participant;
  const directions = [
    { label: 'Isa uploads to Ros', viewer: () => ros.page, sender: () => isa.page, senderName: 'Isa' },
    { label: 'Isa downloads from Ros', viewer: () => isa.page, sender: () => ros.page, senderName: 'Ros' },
  ] as const;
  const shapedVideoKbit = new Map<string, number>();

  it('a participant inside and one outside join a room over the veth pair: media both ways, full budget, indicators good', async (t) => {
    const listening = env.server.logs.find((entry) => String(entry.msg).startsWith('listening'));
    assert.equal(listening?.host, env.host.hostAddress, 'the server listens on the veth address only');

    const url = roomUrl(env.server.url, 'netns-room');
    isa = await joinAs(env.isolated, url, { name: 'Isa' });
    ros = await joinAs(env.browser, url, { name: 'Ros' });
    await expectMediaFromAll(isa.page, 1);
    await expectMediaFromAll(ros.page, 1);

    for (const [who, page, local, remote] of [
      ['Isa', isa.page, env.host.namespaceAddress, env.host.hostAddress],
      ['Ros', ros.page, env.host.hostAddress, env.host.namespaceAddress],
    ] as const) {
      const pairs = await selectedPairs(page);
      t.diagnostic(`${who}'s selected pair: ${JSON.stringify(pairs.map(({ local, remote }) => ({ local, remote })))}`);
      assert.equal(pairs.length, 1, `${who} has one connected call`);
      assert.equal(pairs[0]?.local.address, local, `${who}'s end of the call is its veth address`);
      assert.equal(pairs[0]?.remote.address, remote, `${who}'s peer is at the other veth address`);
    }

    const grades = await waitFor(
      'both indicators to say good',
      async () => {
        const seen = [await gradeOnTile(ros.page, 'Isa'), await gradeOnTile(isa.page, 'Ros')];
        return seen.every((grade) => grade?.grade === 'good') && seen;
      },
      90_000,
      1000,
    );
    // On a busy machine the start of a call can look like pressure (a late pacer reads as too little
    // bandwidth); on a free link the budget comes back to full, which is what the shaping must then undo.
    const encoding = await waitFor(
      'Isa to send at full budget on the free link',
      async () => {
        const [current] = await videoEncodings(isa.page);
        return current?.active === true && !degraded(current) && current;
      },
      120_000,
      1000,
    );
    t.diagnostic(`grades ${JSON.stringify(grades)}; Isa sends ${JSON.stringify(encoding)}`);
  });

  it(`at ${shapedKbit} kbit/s with 2 % loss both ways: audio keeps flowing, video adapts within what the link allows instead of freezing, the indicator says poor`, async (t) => {
    // The bare link's figure first (past the start of the ramp-up), to show shaping acts on this call's path.
    // On a quiet machine it passes 500 kbit/s within seconds; on a loaded one Chromium can hover around
    // 400 kbit/s for minutes, so 500 itself is not required.
    const unshaped = await Promise.all(
      directions.map(({ viewer, sender, senderName }) => videoAbove(viewer(), sender(), senderName, 400)),
    );
    for (const [index, rates] of unshaped.entries())
      t.diagnostic(`unshaped, ${directions[index]?.label}: ${describeRates(rates)}`);

    await env.host.shape({ rateKbit: shapedKbit, lossPercent: 2 }, 'both');
    const shapedAt = Date.now();
    const encoding = await waitFor(
      "Isa's app to step her video down",
      async () => {
        const [current] = await videoEncodings(isa.page);
        return degraded(current) && current;
      },
      120_000,
      1000,
    );
    t.diagnostic(`${Math.round((Date.now() - shapedAt) / 1000)} s after shaping Isa sends ${JSON.stringify(encoding)}`);
    assert.equal(encoding.active, true, 'video goes on, smaller: a link that carries 500 kbit/s is not paused');

    // Two 5 s windows each way, measured while the 20 s of samples below are taken; the larger window is the
    // shaped figure to recover from.
    const windowsMeasured = Promise.all(
      directions.map(async ({ viewer, senderName }) => [
        await measureReceived(viewer(), senderName, 5000),
        await measureReceived(viewer(), senderName, 5000),
      ]),
    );
    // Awaited below; until then a failure here must not count as unhandled.
    windowsMeasured.catch(() => undefined);
    // 20 s, sampled every second, of what Ros receives from Isa.
    const counters: ReceivedFrom[] = [];
    const grades: string[] = [];
    const reasons = new Set<string>();
    for (let second = 0; second <= 20; second++) {
      const received = await receivedFrom(ros.page, 'Isa');
      assert.ok(received, 'Isa’s tile stays');
      counters.push(received);
      const grade = await gradeOnTile(ros.page, 'Isa');
      grades.push(grade?.grade ?? 'none');
      reasons.add(grade?.reasons ?? '');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    // Each sample against the one a second (audio) or two seconds (video) before it.
    const audioGaps = counters.filter(
      (counter, index) => index >= 1 && counter.audioPackets <= (counters[index - 1]?.audioPackets ?? 0),
    );
    const stills = counters.filter(
      (counter, index) => index >= 2 && counter.framesDecoded <= (counters[index - 2]?.framesDecoded ?? 0),
    );
    const [first, last] = [counters[0], counters.at(-1)];
    assert.ok(first && last);
    const concealment =
      (last.concealedSamples - first.concealedSamples) /
      Math.max(1, last.totalSamplesReceived - first.totalSamplesReceived);
    const fps = (last.framesDecoded - first.framesDecoded) / 20;
    t.diagnostic(
      `Ros from Isa over 20 s: ${fps} fps at ${last.frameHeight} lines, ${last.freezeCount - first.freezeCount} ` +
        `freezes, audio concealed ${(concealment * 100).toFixed(1)} %; grades ${grades.join(' ')}; ` +
        `reasons ${[...reasons].join(' | ')}`,
    );
    assert.equal(audioGaps.length, 0, 'audio packets arrive in every second');
    assert.ok(concealment < 0.1, `audio mostly real, not concealed (${(concealment * 100).toFixed(1)} %)`);
    assert.equal(stills.length, 0, 'no two seconds without a new frame: the video moves, smaller');
    assert.ok(fps >= 5, `frames keep coming (${fps} fps)`);
    assert.ok(last.frameHeight < 480 || fps < 14, `smaller or slower than the 640×480 at 15 fps sent before`);
    assert.ok(
      grades.filter((grade) => grade === 'poor').length > grades.length / 2,
      `Ros's indicator for Isa says poor most of the time: ${grades.join(' ')}`,
    );

    const windows: ReceivedRates[][] = await windowsMeasured;
    for (const [index, { label }] of directions.entries()) {
      const before = unshaped[index]?.videoKbit ?? 0;
      for (const rates of windows[index] ?? []) {
        t.diagnostic(`shaped, ${label}: ${describeRates(rates)}`);
        assert.ok(rates.framesPerSecond > 0, `${label}: video still arrives`);
        assert.ok(rates.videoKbit < shapedKbit, `${label}: video below the ${shapedKbit} kbit/s the link allows`);
        assert.ok(rates.videoKbit < 0.75 * before, `${label}: well below the ${before} kbit/s of the bare link`);
        assert.ok(rates.audioPackets > 0, `${label}: audio packets keep arriving`);
      }
      shapedVideoKbit.set(label, Math.max(...(windows[index] ?? []).map((rates) => rates.videoKbit)));
    }
  });

  it('after unshape, the indicator says good again, the budget comes back up and the bitrate climbs, both ways', async (t) => {
    const shaped = directions.map(({ label }) => shapedVideoKbit.get(label));
    assert.ok(
      shaped.every((kbit) => kbit !== undefined),
      'the shaped figures were measured (the test before passed)',
    );
    await env.host.unshape();
    const unshapedAt = Date.now();
    const seconds = () => Math.round((Date.now() - unshapedAt) / 1000);
    const indicatorAndBudget = (async () => {
      await waitFor(
        "Ros's indicator for Isa to say good",
        async () => (await gradeOnTile(ros.page, 'Isa'))?.grade === 'good',
        120_000,
        1000,
      );
      const goodAfter = seconds();
      const encoding = await waitFor(
        "Isa's budget to come back up",
        async () => {
          const [current] = await videoEncodings(isa.page);
          return !degraded(current) && current;
        },
        180_000,
        1000,
      );
      t.diagnostic(`good after ${goodAfter} s; full budget after ${seconds()} s: ${JSON.stringify(encoding)}`);
    })();
    // A quarter above the better of two shaped windows, so that a lucky window of a still-shaped link does not
    // count (shaped windows varied by about a fifth). Getting back above the link's own 500 kbit/s took
    // Chromium from 20 s to over 2 minutes on a busy 2-core machine, so that is not asserted here.
    const [, recovered] = await Promise.all([
      indicatorAndBudget,
      Promise.all(
        directions.map(({ viewer, sender, senderName }, index) =>
          videoAbove(viewer(), sender(), senderName, 1.25 * (shaped[index] ?? Infinity)),
        ),
      ),
    ]);
    for (const [index, rates] of recovered.entries())
      t.diagnostic(`unshaped again, ${directions[index]?.label}: ${describeRates(rates)}`);
    t.diagnostic(`both recovered ${seconds()} s after unshape`);
  });

  it("a cut stops the namespace participant's media both ways, and restore brings it back", async (t) => {
    await env.host.cut();
    const stopped = await Promise.all([videoStops(ros.page, 'Isa'), videoStops(isa.page, 'Ros')]);
    t.diagnostic(`cut: ${stopped.join('; ')}`);

    await env.host.restore();
    const restoredAt = Date.now();
    // A short cut may heal the call in place; a longer one makes the app place it again. Either way media
    // must come back.
    await expectMediaFromAll(ros.page, 1, { timeoutMs: 90_000 });
    await expectMediaFromAll(isa.page, 1, { timeoutMs: 90_000 });
    t.diagnostic(`media flowing both ways again ${Date.now() - restoredAt} ms after restore`);
  });

  it('leaves nothing behind: no namespace, link or nft table of this run', async () => {
    await env.isolated.close();
    await env.host.close();
    await assertNothingLeftBy(process.pid);
  });
});
