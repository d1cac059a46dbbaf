import { PresenceBook, type AbsenceReason, type Channel, type ChannelReading } from './presence.js';
import type { PresenceTiming } from './timing.js';

export interface PresenceSources {
  /** Everyone seated, by peer id. */
  seated(): Iterable<string>;
  read(peerId: string, channel: Channel): ChannelReading;
}

/** Runs the presence rule on a timer and reports who is gone. The only owner of the decision. */
export class PresenceMonitor {
  readonly book: PresenceBook;
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly sources: PresenceSources,
    private readonly onAbsent: (peerId: string, reason: AbsenceReason) => void,
    private readonly timing: PresenceTiming,
    private readonly now: () => number = Date.now,
  ) {
    this.book = new PresenceBook(timing);
  }

  start(): void {
    this.timer ??= setInterval(() => this.tick(), this.timing.tickMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Decides for everyone now (the timer calls it; tests may too). */
  tick(): void {
    const now = this.now();
    for (const peerId of [...this.sources.seated()]) {
      const reason = this.book.decide(
        peerId,
        { signaling: this.sources.read(peerId, 'signaling'), peer: this.sources.read(peerId, 'peer') },
        now,
      );
      if (reason) this.onAbsent(peerId, reason);
    }
  }
}
