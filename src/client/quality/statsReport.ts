/**
 * One call's `getStats()` report read into the counters Parley uses (a snapshot), and two snapshots turned
 * into what happened between them (a window: rates, frame rate, loss, freezes). Pure: tests feed it plain
 * objects shaped like the browser's stats entries.
 */

/** A stats entry as the browser gives it (RTCStats and its many subtypes, read by name). */
export type StatsEntry = Record<string, unknown>;

export interface InboundVideo {
  bytes: number;
  packets: number;
  packetsLost: number;
  framesDecoded: number;
  freezeCount: number;
  /** seconds */
  totalFreezesDuration: number;
  width?: number;
  height?: number;
  codec?: string;
}

export interface InboundAudio {
  bytes: number;
  packets: number;
  packetsLost: number;
  concealedSamples: number;
  totalSamplesReceived: number;
  codec?: string;
}

export interface OutboundVideo {
  bytes: number;
  framesEncoded: number;
  width?: number;
  height?: number;
  /** 'none', 'cpu', 'bandwidth' or 'other': what holds the encoder back now. */
  limitation: string;
  /** Seconds the encoder has spent held back by the CPU and by bandwidth, since the call began. */
  cpuLimitedSeconds: number;
  bandwidthLimitedSeconds: number;
  codec?: string;
}

export interface StatsSnapshot {
  /** ms, the clock of the caller */
  at: number;
  inboundVideo?: InboundVideo;
  inboundAudio?: InboundAudio;
  outboundVideo?: OutboundVideo;
  outboundAudioBytes?: number;
  /** The receiver's report of what it lost of ours (fraction, the worse of audio and video). */
  remoteLoss?: number;
  rttMs?: number;
  /** The congestion controller's estimate of what this link can carry out, bit/s. */
  availableOutgoingBitrate?: number;
  /** Whether media goes through a TURN relay. */
  route?: 'relay' | 'direct';
}

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const optionalNum = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** Reads a report (its entries, in any order) into a snapshot taken at `at`. */
export function readSnapshot(entries: Iterable<StatsEntry>, at: number): StatsSnapshot {
  const byId = new Map<string, StatsEntry>();
  for (const entry of entries) byId.set(String(entry.id), entry);
  const codecOf = (entry: StatsEntry) => {
    const mime = byId.get(String(entry.codecId))?.mimeType;
    return typeof mime === 'string' ? mime.replace(/^(audio|video)\//, '') : undefined;
  };
  const snapshot: StatsSnapshot = { at };
  let bestFrames = -1;
  for (const entry of byId.values()) {
    if (entry.type === 'inbound-rtp' && entry.kind === 'video') {
      const previous = snapshot.inboundVideo;
      const frames = num(entry.framesDecoded);
      // Several entries (a call placed again keeps the old ones): counters add up, the size is the busiest's.
      const size = frames > bestFrames ? entry : undefined;
      if (size) bestFrames = frames;
      snapshot.inboundVideo = {
        bytes: (previous?.bytes ?? 0) + num(entry.bytesReceived),
        packets: (previous?.packets ?? 0) + num(entry.packetsReceived),
        packetsLost: (previous?.packetsLost ?? 0) + Math.max(0, num(entry.packetsLost)),
        framesDecoded: (previous?.framesDecoded ?? 0) + frames,
        freezeCount: (previous?.freezeCount ?? 0) + num(entry.freezeCount),
        totalFreezesDuration: (previous?.totalFreezesDuration ?? 0) + num(entry.totalFreezesDuration),
        width: size ? optionalNum(entry.frameWidth) : previous?.width,
        height: size ? optionalNum(entry.frameHeight) : previous?.height,
        codec: (size ? codecOf(entry) : undefined) ?? previous?.codec,
      };
    } else if (entry.type === 'inbound-rtp' && entry.kind === 'audio') {
      const previous = snapshot.inboundAudio;
      snapshot.inboundAudio = {
        bytes: (previous?.bytes ?? 0) + num(entry.bytesReceived),
        packets: (previous?.packets ?? 0) + num(entry.packetsReceived),
        packetsLost: (previous?.packetsLost ?? 0) + Math.max(0, num(entry.packetsLost)),
        concealedSamples: (previous?.concealedSamples ?? 0) + num(entry.concealedSamples),
        totalSamplesReceived: (previous?.totalSamplesReceived ?? 0) + num(entry.totalSamplesReceived),
        codec: previous?.codec ?? codecOf(entry),
      };
    } else if (entry.type === 'outbound-rtp' && entry.kind === 'video') {
      const durations = (entry.qualityLimitationDurations ?? {}) as Record<string, unknown>;
      snapshot.outboundVideo = {
        bytes: (snapshot.outboundVideo?.bytes ?? 0) + num(entry.bytesSent),
        cpuLimitedSeconds: (snapshot.outboundVideo?.cpuLimitedSeconds ?? 0) + num(durations.cpu),
        bandwidthLimitedSeconds: (snapshot.outboundVideo?.bandwidthLimitedSeconds ?? 0) + num(durations.bandwidth),
        framesEncoded: (snapshot.outboundVideo?.framesEncoded ?? 0) + num(entry.framesEncoded),
        width: optionalNum(entry.frameWidth) ?? snapshot.outboundVideo?.width,
        height: optionalNum(entry.frameHeight) ?? snapshot.outboundVideo?.height,
        limitation: typeof entry.qualityLimitationReason === 'string' ? entry.qualityLimitationReason : 'none',
        codec: codecOf(entry) ?? snapshot.outboundVideo?.codec,
      };
    } else if (entry.type === 'outbound-rtp' && entry.kind === 'audio') {
      snapshot.outboundAudioBytes = (snapshot.outboundAudioBytes ?? 0) + num(entry.bytesSent);
    } else if (entry.type === 'remote-inbound-rtp') {
      const lost = optionalNum(entry.fractionLost);
      if (lost !== undefined) snapshot.remoteLoss = Math.max(snapshot.remoteLoss ?? 0, lost);
      const rtt = optionalNum(entry.roundTripTime);
      if (rtt !== undefined && snapshot.rttMs === undefined) snapshot.rttMs = rtt * 1000;
    } else if (entry.type === 'transport' && entry.selectedCandidatePairId) {
      const pair = byId.get(String(entry.selectedCandidatePairId));
      if (!pair) continue;
      const rtt = optionalNum(pair.currentRoundTripTime);
      // The pair's own measurement (STUN checks) is the freshest; it wins over RTCP's.
      if (rtt !== undefined) snapshot.rttMs = rtt * 1000;
      snapshot.availableOutgoingBitrate = optionalNum(pair.availableOutgoingBitrate);
      const local = byId.get(String(pair.localCandidateId));
      const remote = byId.get(String(pair.remoteCandidateId));
      snapshot.route = local?.candidateType === 'relay' || remote?.candidateType === 'relay' ? 'relay' : 'direct';
    }
  }
  return snapshot;
}

/** What one call did between two snapshots. Rates are per second; sizes are the latest. */
export interface LinkWindow {
  seconds: number;
  inbound: {
    videoKbps: number;
    fps: number;
    width?: number;
    height?: number;
    codec?: string;
    /** Freezes that began in the window, and their time (s). */
    freezes: number;
    freezeSeconds: number;
    audioKbps: number;
    audioPackets: number;
    audioCodec?: string;
    /** Share of the audio samples played that were made up to hide losses. */
    concealment: number;
    /** Share of the packets (audio and video) sent to us that never arrived. */
    loss: number;
  };
  outbound: {
    videoKbps: number;
    fps: number;
    width?: number;
    height?: number;
    codec?: string;
    limitation: string;
    /** Share of the window the encoder spent held back by the CPU, and by bandwidth (0 to 1). */
    cpuLimited: number;
    bandwidthLimited: number;
    audioKbps: number;
    /** Share of our packets the receiver reports lost. */
    loss?: number;
  };
  rttMs?: number;
  availableOutgoingKbps?: number;
  route?: 'relay' | 'direct';
}

const rate = (later: number, earlier: number, seconds: number) => Math.max(0, later - earlier) / seconds;
const kbps = (bytesPerSecond: number) => Math.round((bytesPerSecond * 8) / 1000);
const round1 = (value: number) => Math.round(value * 10) / 10;
const ratio = (part: number, whole: number) => (whole > 0 ? Math.min(1, Math.max(0, part) / whole) : 0);

export function describeWindow(before: StatsSnapshot, after: StatsSnapshot): LinkWindow {
  const seconds = Math.max(0.001, (after.at - before.at) / 1000);
  const [videoIn, videoInBefore] = [after.inboundVideo, before.inboundVideo];
  const [audioIn, audioInBefore] = [after.inboundAudio, before.inboundAudio];
  const [videoOut, videoOutBefore] = [after.outboundVideo, before.outboundVideo];
  const delta = (later: number | undefined, earlier: number | undefined) => Math.max(0, (later ?? 0) - (earlier ?? 0));
  const received = delta(videoIn?.packets, videoInBefore?.packets) + delta(audioIn?.packets, audioInBefore?.packets);
  const lost =
    delta(videoIn?.packetsLost, videoInBefore?.packetsLost) + delta(audioIn?.packetsLost, audioInBefore?.packetsLost);
  const window: LinkWindow = {
    seconds: round1(seconds),
    inbound: {
      videoKbps: kbps(rate(videoIn?.bytes ?? 0, videoInBefore?.bytes ?? 0, seconds)),
      fps: round1(rate(videoIn?.framesDecoded ?? 0, videoInBefore?.framesDecoded ?? 0, seconds)),
      freezes: delta(videoIn?.freezeCount, videoInBefore?.freezeCount),
      freezeSeconds: round1(delta(videoIn?.totalFreezesDuration, videoInBefore?.totalFreezesDuration)),
      audioKbps: kbps(rate(audioIn?.bytes ?? 0, audioInBefore?.bytes ?? 0, seconds)),
      audioPackets: delta(audioIn?.packets, audioInBefore?.packets),
      concealment: ratio(
        delta(audioIn?.concealedSamples, audioInBefore?.concealedSamples),
        delta(audioIn?.totalSamplesReceived, audioInBefore?.totalSamplesReceived),
      ),
      loss: ratio(lost, received + lost),
    },
    outbound: {
      videoKbps: kbps(rate(videoOut?.bytes ?? 0, videoOutBefore?.bytes ?? 0, seconds)),
      fps: round1(rate(videoOut?.framesEncoded ?? 0, videoOutBefore?.framesEncoded ?? 0, seconds)),
      limitation: videoOut?.limitation ?? 'none',
      cpuLimited: ratio(delta(videoOut?.cpuLimitedSeconds, videoOutBefore?.cpuLimitedSeconds), seconds),
      bandwidthLimited: ratio(
        delta(videoOut?.bandwidthLimitedSeconds, videoOutBefore?.bandwidthLimitedSeconds),
        seconds,
      ),
      audioKbps: kbps(rate(after.outboundAudioBytes ?? 0, before.outboundAudioBytes ?? 0, seconds)),
    },
  };
  const optional = {
    inbound: { width: videoIn?.width, height: videoIn?.height, codec: videoIn?.codec, audioCodec: audioIn?.codec },
    outbound: { width: videoOut?.width, height: videoOut?.height, codec: videoOut?.codec, loss: after.remoteLoss },
    top: {
      rttMs: after.rttMs === undefined ? undefined : Math.round(after.rttMs),
      availableOutgoingKbps:
        after.availableOutgoingBitrate === undefined ? undefined : Math.round(after.availableOutgoingBitrate / 1000),
      route: after.route,
    },
  };
  // Absent stays absent (exactOptionalPropertyTypes-friendly, and JSON without nulls).
  for (const [key, value] of Object.entries(optional.inbound))
    if (value !== undefined) Object.assign(window.inbound, { [key]: value });
  for (const [key, value] of Object.entries(optional.outbound))
    if (value !== undefined) Object.assign(window.outbound, { [key]: value });
  for (const [key, value] of Object.entries(optional.top))
    if (value !== undefined) Object.assign(window, { [key]: value });
  return window;
}
