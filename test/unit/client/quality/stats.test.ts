import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  gradeOf,
  poorReasons,
  smoothGrade,
  type Grade,
  type SmoothedGrade,
} from '../../../../src/client/quality/grade.js';
import {
  describeWindow,
  readSnapshot,
  type LinkWindow,
  type StatsEntry,
} from '../../../../src/client/quality/statsReport.js';

/** A call's stats report as Chromium gives it, with the counters a test chooses. */
function report({
  videoBytes = 0,
  frames = 0,
  audioPackets = 0,
  audioLost = 0,
  videoPackets = 0,
  videoLost = 0,
  freezes = 0,
  freezeSeconds = 0,
  concealed = 0,
  samples = 0,
  sentBytes = 0,
  encoded = 0,
  limitation = 'none',
  cpuSeconds = 0,
  rtt = 0.05,
  remoteLost = 0,
  relay = false,
} = {}): StatsEntry[] {
  return [
    { id: 'CV', type: 'codec', mimeType: 'video/VP8' },
    { id: 'CA', type: 'codec', mimeType: 'audio/opus' },
    {
      id: 'IV',
      type: 'inbound-rtp',
      kind: 'video',
      codecId: 'CV',
      bytesReceived: videoBytes,
      packetsReceived: videoPackets,
      packetsLost: videoLost,
      framesDecoded: frames,
      frameWidth: 320,
      frameHeight: 240,
      freezeCount: freezes,
      totalFreezesDuration: freezeSeconds,
    },
    {
      id: 'IA',
      type: 'inbound-rtp',
      kind: 'audio',
      codecId: 'CA',
      bytesReceived: audioPackets * 100,
      packetsReceived: audioPackets,
      packetsLost: audioLost,
      concealedSamples: concealed,
      totalSamplesReceived: samples,
    },
    {
      id: 'OV',
      type: 'outbound-rtp',
      kind: 'video',
      codecId: 'CV',
      bytesSent: sentBytes,
      framesEncoded: encoded,
      frameWidth: 640,
      frameHeight: 480,
      qualityLimitationReason: limitation,
      qualityLimitationDurations: { none: 10, cpu: cpuSeconds, bandwidth: 0, other: 0 },
    },
    { id: 'OA', type: 'outbound-rtp', kind: 'audio', bytesSent: 1000 },
    { id: 'RV', type: 'remote-inbound-rtp', kind: 'video', fractionLost: remoteLost, roundTripTime: 0.2 },
    { id: 'T', type: 'transport', selectedCandidatePairId: 'P' },
    {
      id: 'P',
      type: 'candidate-pair',
      localCandidateId: 'L',
      remoteCandidateId: 'R',
      currentRoundTripTime: rtt,
      availableOutgoingBitrate: 480_000,
    },
    { id: 'L', type: 'local-candidate', candidateType: relay ? 'relay' : 'host' },
    { id: 'R', type: 'remote-candidate', candidateType: 'host' },
  ];
}

describe('readSnapshot and describeWindow', () => {
  it('turns two reports two seconds apart into rates, sizes, codecs, loss and the route', () => {
    const before = readSnapshot(report({ audioPackets: 100, frames: 30, videoBytes: 10_000 }), 0);
    const after = readSnapshot(
      report({
        audioPackets: 200,
        audioLost: 2,
        videoPackets: 100,
        videoLost: 2,
        frames: 60,
        videoBytes: 60_000,
        freezes: 1,
        freezeSeconds: 0.8,
        concealed: 480,
        samples: 96_000,
        sentBytes: 100_000,
        encoded: 48,
        limitation: 'bandwidth',
        cpuSeconds: 1.5,
        remoteLost: 0.05,
        relay: true,
      }),
      2000,
    );
    const window = describeWindow(before, after);
    assert.equal(window.seconds, 2);
    assert.deepEqual(window.inbound, {
      videoKbps: 200,
      fps: 15,
      freezes: 1,
      freezeSeconds: 0.8,
      audioKbps: 40,
      audioPackets: 100,
      concealment: 0.005,
      loss: 4 / 204,
      width: 320,
      height: 240,
      codec: 'VP8',
      audioCodec: 'opus',
    });
    assert.equal(window.outbound.videoKbps, 400);
    assert.equal(window.outbound.fps, 24);
    assert.equal(window.outbound.limitation, 'bandwidth');
    assert.equal(window.outbound.cpuLimited, 0.75, 'held back by the CPU for 1.5 s of 2');
    assert.equal(window.outbound.bandwidthLimited, 0);
    assert.equal(window.outbound.loss, 0.05);
    assert.equal(window.outbound.height, 480);
    assert.equal(window.rttMs, 50, "the selected pair's own round trip wins over RTCP's");
    assert.equal(window.availableOutgoingKbps, 480);
    assert.equal(window.route, 'relay');
  });

  it('reads an empty report (a call not yet set up) as nothing happening, never as NaN', () => {
    const window = describeWindow(readSnapshot([], 0), readSnapshot([], 2000));
    assert.equal(window.inbound.fps, 0);
    assert.equal(window.inbound.loss, 0);
    assert.equal(window.inbound.concealment, 0);
    assert.equal(window.rttMs, undefined);
    assert.ok(!JSON.stringify(window).includes('null'));
  });

  it('adds the counters of several inbound video entries (a call placed again)', () => {
    const entries = [
      { id: 'A', type: 'inbound-rtp', kind: 'video', framesDecoded: 10, bytesReceived: 100, frameWidth: 160 },
      { id: 'B', type: 'inbound-rtp', kind: 'video', framesDecoded: 50, bytesReceived: 400, frameWidth: 640 },
    ];
    const snapshot = readSnapshot(entries, 0);
    assert.equal(snapshot.inboundVideo?.framesDecoded, 60);
    assert.equal(snapshot.inboundVideo?.bytes, 500);
    assert.equal(snapshot.inboundVideo?.width, 640, 'the size of the busiest');
  });
});

const window = (change: { inbound?: Partial<LinkWindow['inbound']>; rttMs?: number; outboundLoss?: number } = {}) => {
  const base = describeWindow(readSnapshot([], 0), readSnapshot([], 2000));
  return {
    ...base,
    inbound: { ...base.inbound, audioPackets: 100, fps: 24, ...change.inbound },
    outbound: { ...base.outbound, loss: change.outboundLoss ?? 0 },
    rttMs: change.rttMs ?? 40,
  };
};

describe('gradeOf', () => {
  const grade = (w: LinkWindow, videoExpected = true, connected = true) =>
    gradeOf({ window: w, videoExpected, connected });

  it('is good when little is lost, the delay is short and expected video moves', () => {
    assert.equal(grade(window()), 'good');
    assert.equal(grade(window({ inbound: { loss: 0.01 } })), 'good');
  });

  it('is poor with 2 % loss either way, a long delay, a jerky or a frozen picture', () => {
    assert.equal(grade(window({ inbound: { loss: 0.02 } })), 'poor');
    assert.equal(grade(window({ outboundLoss: 0.03 })), 'poor');
    assert.equal(grade(window({ rttMs: 450 })), 'poor');
    assert.equal(grade(window({ inbound: { fps: 6 } })), 'poor');
    assert.equal(grade(window({ inbound: { freezes: 1 } })), 'poor');
    assert.deepEqual(
      poorReasons({ window: window({ inbound: { fps: 4, loss: 0.1 } }), videoExpected: true, connected: true }),
      ['loss', 'frame-rate'],
    );
  });

  it('does not blame the link for video nobody sends or we do not show', () => {
    assert.equal(grade(window({ inbound: { fps: 0 } }), false), 'good');
  });

  it('is lost when the connection is down or nothing at all arrives', () => {
    assert.equal(grade(window(), true, false), 'lost');
    assert.equal(grade(window({ inbound: { audioPackets: 0, fps: 0 } })), 'lost');
  });
});

describe('smoothGrade', () => {
  const feed = (grades: Grade[]) => {
    let state: SmoothedGrade | undefined;
    return grades.map((grade) => (state = smoothGrade(state, grade)).grade);
  };

  it('shows a worse grade at once and a better one only once it holds for two windows', () => {
    assert.deepEqual(feed(['good', 'poor', 'good', 'poor', 'good', 'good']), [
      'good',
      'poor',
      'poor',
      'poor',
      'poor',
      'good',
    ]);
    assert.deepEqual(feed(['good', 'lost', 'poor', 'good']), ['good', 'lost', 'lost', 'good']);
  });
});
