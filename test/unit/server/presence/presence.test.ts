import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PresenceBook, type ChannelReading } from '../../../../src/server/presence/presence.js';
import { presenceTiming as timing } from '../../../../src/server/presence/timing.js';

const open = (lastHeard: number): ChannelReading => ({ open: true, lastHeard });
const closed: ChannelReading = { open: false };

/** Drives one participant through readings taken every tick, from `from` to `to` ms; returns when they left. */
function run(
  readings: (now: number) => { signaling: ChannelReading; peer: ChannelReading },
  { to = 60_000, media = (_now: number): boolean => false } = {},
): number | undefined {
  const book = new PresenceBook(timing);
  book.track('bo', 0);
  for (let now = timing.tickMs; now <= to; now += timing.tickMs) {
    if (media(now)) book.mediaSeen('bo', now);
    if (book.decide('bo', readings(now), now)) return now;
  }
  return undefined;
}

/** A channel answering every probe, except between `from` and `to` (heard again right after). */
const answering = (now: number, stall?: { from: number; to: number }) => {
  const last = Math.floor(now / timing.probeMs) * timing.probeMs;
  if (stall && last >= stall.from && last < stall.to)
    return open(Math.floor(stall.from / timing.probeMs) * timing.probeMs);
  return open(last);
};

describe('presence: one decision from both channels and the others’ reports', () => {
  it('keeps someone whose two channels both stall for 3 s (a stall is invisible)', () => {
    const stall = { from: 10_000, to: 13_000 };
    assert.equal(
      run((now) => ({ signaling: answering(now, stall), peer: answering(now, stall) })),
      undefined,
    );
  });

  it('lets a vanished browser go well within 10 s', () => {
    const cut = 10_000;
    const heard = (now: number) => answering(Math.min(now, cut));
    const left = run((now) => ({ signaling: heard(now), peer: heard(now) }));
    assert.ok(
      left !== undefined && left - cut <= timing.silentMs + timing.tickMs,
      `left after ${(left ?? NaN) - cut} ms`,
    );
  });

  it('keeps someone whose signaling is silent while the others still receive their media, for a while', () => {
    const cut = 10_000;
    const heard = (now: number) => answering(Math.min(now, cut));
    const left = run((now) => ({ signaling: heard(now), peer: heard(now) }), { media: () => true, to: 120_000 });
    assert.equal(left, cut - (cut % timing.probeMs) + timing.mediaOnlyMs, 'media alone vouches only so long');
    const mediaStops = run((now) => ({ signaling: heard(now), peer: heard(now) }), { media: (now) => now < 20_000 });
    assert.ok(mediaStops !== undefined && mediaStops <= 20_000 + timing.mediaFreshMs + timing.tickMs);
  });

  it('waits for a reset socket.io connection to come back, and lets go of one that does not', () => {
    const back = run((now) => ({
      signaling: now > 10_000 && now < 11_000 ? closed : answering(now),
      peer: answering(now),
    }));
    assert.equal(back, undefined);
    const never = run((now) => ({ signaling: now > 10_000 ? closed : answering(now), peer: answering(now) }));
    assert.ok(never !== undefined && never - 10_000 <= timing.reopenMs + timing.tickMs);
  });

  it('releases the seat of someone who keeps socket.io but closed their PeerJS socket for good', () => {
    const left = run((now) => ({ signaling: answering(now), peer: now > 10_000 ? closed : answering(now) }));
    assert.ok(left !== undefined && left - 10_000 <= timing.reopenMs + timing.tickMs);
  });

  it('keeps a starved page whose browser still answers pings, up to a limit, and no longer', () => {
    // Its scripts go quiet at 10 s (no heartbeat, no socket.io pong); its network stack answers every probe.
    const cut = 10_000;
    const starved = (now: number): ChannelReading => ({
      ...answering(Math.min(now, cut)),
      lastAnswered: Math.floor(now / timing.probeMs) * timing.probeMs,
    });
    const left = run((now) => ({ signaling: answering(Math.min(now, cut)), peer: starved(now) }), { to: 120_000 });
    assert.ok(
      left !== undefined && left - cut > timing.silentMs * 3,
      `a late page is kept (${(left ?? NaN) - cut} ms)`,
    );
    assert.ok(left - cut <= timing.answeringOnlyMs + timing.probeMs + timing.tickMs, 'a frozen one goes in the end');
    // socket.io closed by its ping timeout while the browser answers: time to reconnect, as long.
    const reconnects = run((now) => ({
      signaling: now > cut && now < cut + 20_000 ? closed : answering(now),
      peer: { ...answering(now), lastAnswered: now },
    }));
    assert.equal(reconnects, undefined, 'back after 20 s, never seen to leave');
  });

  it('does not let pings that stopped answering slow the leave of a vanished browser', () => {
    const cut = 10_000;
    const heard = (now: number): ChannelReading => ({
      ...answering(Math.min(now, cut)),
      lastAnswered: Math.min(now, cut),
    });
    const left = run((now) => ({ signaling: answering(Math.min(now, cut)), peer: heard(now) }));
    assert.ok(
      left !== undefined && left - cut <= timing.silentMs + timing.tickMs,
      `left after ${(left ?? NaN) - cut} ms`,
    );
    const closedToo = run((now) => ({ signaling: now > cut ? closed : answering(now), peer: heard(now) }));
    assert.ok(closedToo !== undefined && closedToo - cut <= timing.reopenMs + timing.tickMs);
  });

  it('lets a closed tab (both channels closed) go at once', () => {
    const left = run((now) =>
      now > 10_000 ? { signaling: closed, peer: closed } : { signaling: answering(now), peer: answering(now) },
    );
    assert.ok(left !== undefined && left - 10_000 <= timing.bothClosedMs + timing.tickMs);
  });
});
