import type { PresenceTiming } from './timing.js';

export type Channel = 'signaling' | 'peer';

/** What a channel looks like right now: open or not, and when anything last came from it. */
export interface ChannelReading {
  open: boolean;
  /** When the page itself last sent something (its scripts run). Undefined when closed and no longer known. */
  lastHeard?: number;
  /**
   * When the browser's network stack last answered a WebSocket ping on this channel: it does so without the
   * page's scripts, so it proves the browser and its network are still there while a starved page is late.
   */
  lastAnswered?: number;
}

export type AbsenceReason = 'silent' | 'signaling-gone' | 'peer-gone' | 'closed';

interface ChannelRecord {
  lastHeard: number;
  lastAnswered?: number;
  closedSince?: number;
}

export interface PresenceRecord {
  channels: { [C in Channel]: ChannelRecord };
  mediaSeenAt?: number;
  /** Restored from another node: nobody is declared gone before this (their page is on its way here). */
  heldUntil?: number;
}

/**
 * Whether each seated participant is still there, decided in one place from everything the server knows:
 * their socket.io connection, their PeerJS socket, and what the others report about media from them. Pure
 * state: readings and the time are passed in.
 */
export class PresenceBook {
  private readonly records = new Map<string, PresenceRecord>();

  constructor(private readonly timing: PresenceTiming) {}

  /** Starts watching someone who just took a seat (both channels open at that moment). */
  track(peerId: string, now: number): void {
    this.records.set(peerId, {
      channels: { signaling: { lastHeard: now }, peer: { lastHeard: now } },
    });
  }

  /** Starts watching someone whose room moved here from another node: they have `graceMs` to come back. */
  hold(peerId: string, now: number, graceMs: number): void {
    this.track(peerId, now);
    const record = this.records.get(peerId);
    if (record) record.heldUntil = now + graceMs;
  }

  forget(peerId: string): void {
    this.records.delete(peerId);
  }

  isTracked(peerId: string): boolean {
    return this.records.has(peerId);
  }

  /** A member reported that media from `peerId` is arriving. */
  mediaSeen(peerId: string, now: number): void {
    const record = this.records.get(peerId);
    if (record) record.mediaSeenAt = now;
  }

  /** Updates one person's channels from fresh readings and says whether (and why) they are gone. */
  decide(peerId: string, readings: { [C in Channel]: ChannelReading }, now: number): AbsenceReason | undefined {
    const record = this.records.get(peerId);
    if (!record) return undefined;
    for (const channel of ['signaling', 'peer'] as const) {
      const reading = readings[channel];
      const kept = record.channels[channel];
      if (reading.lastHeard !== undefined) kept.lastHeard = Math.max(kept.lastHeard, reading.lastHeard);
      if (reading.lastAnswered !== undefined)
        kept.lastAnswered = Math.max(kept.lastAnswered ?? 0, reading.lastAnswered);
      if (reading.open) delete kept.closedSince;
      else kept.closedSince ??= now;
    }
    if (record.heldUntil !== undefined) {
      if (now < record.heldUntil) return undefined;
      // Back (both channels open) or not, the grace is over: from here the usual rule decides.
      delete record.heldUntil;
    }
    return absence(record, now, this.timing);
  }

  get size(): number {
    return this.records.size;
  }
}

/**
 * The rule itself. The page's own words (heartbeats, pongs from its scripts) say it is there; so do, for a
 * while, others' reports of its media and its browser's network stack answering pings. The last keeps a page
 * whose scripts are starved (a phone, a loaded machine: seconds between two turns of its event loop) from
 * being taken for gone, without slowing the leave of a browser that vanished: that one answers nothing.
 */
export function absence(record: PresenceRecord, now: number, timing: PresenceTiming): AbsenceReason | undefined {
  const { signaling, peer } = record.channels;
  const closedFor = (channel: ChannelRecord) => (channel.closedSince === undefined ? -1 : now - channel.closedSince);
  const answering = [signaling, peer].some(
    (channel) =>
      channel.closedSince === undefined &&
      channel.lastAnswered !== undefined &&
      now - channel.lastAnswered < timing.silentMs,
  );
  if (closedFor(signaling) >= timing.bothClosedMs && closedFor(peer) >= timing.bothClosedMs) return 'closed';
  if (closedFor(signaling) >= (answering ? timing.answeringOnlyMs : timing.reopenMs)) return 'signaling-gone';
  if (closedFor(peer) >= timing.reopenMs) return 'peer-gone';
  const silentFor = now - Math.max(signaling.lastHeard, peer.lastHeard);
  if (silentFor < timing.silentMs) return undefined;
  if (answering && silentFor < timing.answeringOnlyMs) return undefined;
  const mediaFresh = record.mediaSeenAt !== undefined && now - record.mediaSeenAt < timing.mediaFreshMs;
  return mediaFresh && silentFor < timing.mediaOnlyMs ? undefined : 'silent';
}
