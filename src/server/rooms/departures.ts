/**
 * Participants whose socket.io connection dropped while their browser still looks alive (its PeerJS
 * socket is open): a network blip or a proxy hiccup. Their leave is held for a moment, so that a quick
 * return (with their resume token) is seamless for everyone else. Timers only; the roster stays pure.
 */
export class Departures {
  private readonly held = new Map<string, { timer: ReturnType<typeof setTimeout>; leave: () => void }>();

  constructor(readonly graceMs: number) {}

  /** Calls `leave` after the grace period, unless cancelled (the participant came back) before. */
  hold(peerId: string, leave: () => void): void {
    this.cancel(peerId);
    const timer = setTimeout(() => {
      this.held.delete(peerId);
      leave();
    }, this.graceMs);
    this.held.set(peerId, { timer, leave });
  }

  /** The participant is back. */
  cancel(peerId: string): void {
    const held = this.held.get(peerId);
    if (!held) return;
    clearTimeout(held.timer);
    this.held.delete(peerId);
  }

  /** Their PeerJS socket closed too: the browser is gone, so they leave now. */
  peerGone(peerId: string): void {
    const held = this.held.get(peerId);
    if (!held) return;
    this.cancel(peerId);
    held.leave();
  }

  isHeld(peerId: string): boolean {
    return this.held.has(peerId);
  }

  close(): void {
    for (const { timer } of this.held.values()) clearTimeout(timer);
    this.held.clear();
  }
}
