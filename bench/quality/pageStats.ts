// What bench:quality reads in each participant's page, from outside the app: the RTCPeerConnections the test
// support records (window.__peerConnections) and the frames each remote <video> presents.
import type { Page } from 'playwright-core';

/**
 * Runs in every page before the app: every remote tile's <video> records the longest wait between two
 * presented frames (requestVideoFrameCallback), which is what a person sees as a freeze.
 */
export const watchFrameGaps = `(() => {
  const gaps = new Map();
  Object.defineProperty(window, '__frameGaps', { value: gaps });
  setInterval(() => {
    for (const video of document.querySelectorAll('.tile:not([data-self]) video')) {
      if (video.__watched) continue;
      video.__watched = true;
      const tile = video.closest('.tile');
      const onFrame = (now) => {
        const name = tile.querySelector('.tile__name')?.textContent ?? '?';
        const record = gaps.get(name) ?? { last: now, longest: 0, frames: 0 };
        record.longest = Math.max(record.longest, now - record.last);
        record.last = now;
        record.frames++;
        gaps.set(name, record);
        video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    }
  }, 250);
})();`;

/** Counts the page's setParameters calls on video senders (budget changes: each may cost a key frame). */
export const countBudgetChanges = `(() => {
  let count = 0;
  Object.defineProperty(window, '__budgetChanges', { get: () => count });
  const original = RTCRtpSender.prototype.setParameters;
  RTCRtpSender.prototype.setParameters = function (...args) {
    if (this.track && this.track.kind === 'video') count++;
    return original.apply(this, args);
  };
})();`;

export function budgetChanges(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __budgetChanges: number }).__budgetChanges);
}

/** Starts a measuring window: the longest gaps count from now. */
export function resetFrameGaps(page: Page): Promise<void> {
  return page.evaluate(() => {
    const gaps = (window as unknown as { __frameGaps: Map<string, { last: number; longest: number; frames: number }> })
      .__frameGaps;
    const now = performance.now();
    for (const record of gaps.values()) Object.assign(record, { last: now, longest: 0, frames: 0 });
  });
}

/** The longest wait between frames from each remote participant since the reset (ms), ongoing ones included. */
export function frameGaps(page: Page): Promise<Record<string, { longestMs: number; frames: number }>> {
  return page.evaluate(() => {
    const gaps = (window as unknown as { __frameGaps: Map<string, { last: number; longest: number; frames: number }> })
      .__frameGaps;
    const now = performance.now();
    return Object.fromEntries(
      [...gaps].map(([name, record]) => [
        name,
        { longestMs: Math.round(Math.max(record.longest, now - record.last)), frames: record.frames },
      ]),
    );
  });
}

/** Cumulative counters of one call, seen from one page. */
export interface CallCounters {
  /** The remote participant's name (their tile's). */
  remote: string;
  framesDecoded: number;
  freezeCount: number;
  totalFreezesDuration: number;
  frameHeight: number;
  concealedSamples: number;
  totalSamplesReceived: number;
  /** Our video encoder for this call: what limits it now, and for how long it was limited (s). */
  limitation: string;
  cpuSeconds: number;
  bandwidthSeconds: number;
  sentHeight: number;
  bytesSent: number;
  /** The page's clock when the counters were read (ms): a read of six pages takes a while on two cores. */
  at: number;
}

/** Every connected call of the page, at this instant. */
export function readCalls(page: Page): Promise<CallCounters[]> {
  return page.evaluate(async () => {
    const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const tiles = [...document.querySelectorAll<HTMLElement>('.tile:not([data-self])')];
    const nameOf = (trackId: string) => {
      const tile = tiles.find((candidate) => {
        const stream = candidate.querySelector('video')?.srcObject;
        return stream instanceof MediaStream && stream.getTracks().some((track) => track.id === trackId);
      });
      return tile?.querySelector('.tile__name')?.textContent ?? '';
    };
    const calls: CallCounters[] = [];
    for (const connection of connections) {
      if (connection.connectionState !== 'connected') continue;
      const trackId = connection.getReceivers().find((receiver) => receiver.track.kind === 'video')?.track.id ?? '';
      const call: CallCounters = {
        remote: nameOf(trackId),
        framesDecoded: 0,
        freezeCount: 0,
        totalFreezesDuration: 0,
        frameHeight: 0,
        concealedSamples: 0,
        totalSamplesReceived: 0,
        limitation: 'none',
        cpuSeconds: 0,
        bandwidthSeconds: 0,
        sentHeight: 0,
        bytesSent: 0,
        at: performance.now(),
      };
      (await connection.getStats()).forEach((entry: Record<string, unknown>) => {
        const n = (key: string) => Number(entry[key] ?? 0);
        if (entry.type === 'inbound-rtp' && entry.kind === 'video') {
          call.framesDecoded += n('framesDecoded');
          call.freezeCount += n('freezeCount');
          call.totalFreezesDuration += n('totalFreezesDuration');
          call.frameHeight = n('frameHeight') || call.frameHeight;
        } else if (entry.type === 'inbound-rtp' && entry.kind === 'audio') {
          call.concealedSamples += n('concealedSamples');
          call.totalSamplesReceived += n('totalSamplesReceived');
        } else if (entry.type === 'outbound-rtp' && entry.kind === 'video') {
          call.limitation = String(entry.qualityLimitationReason ?? 'none');
          const durations = (entry.qualityLimitationDurations ?? {}) as Record<string, number>;
          call.cpuSeconds += durations.cpu ?? 0;
          call.bandwidthSeconds += durations.bandwidth ?? 0;
          call.sentHeight = n('frameHeight') || call.sentHeight;
        } else if (entry.type === 'transport') {
          call.bytesSent += n('bytesSent');
        }
      });
      calls.push(call);
    }
    return calls;
  });
}
