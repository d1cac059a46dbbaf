import type { IceServers } from '../../shared/events.js';

/**
 * Keeps the STUN/TURN servers that new calls use up to date: applies the list from the join, and asks for
 * fresh TURN credentials when 80 % of their lifetime has passed.
 */
export class IceServerRenewal {
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly apply: (servers: RTCIceServer[]) => void,
    private readonly fetchFresh: () => Promise<IceServers | undefined>,
  ) {}

  use(ice: IceServers): void {
    this.apply(ice.servers);
    this.stop();
    if (!ice.expiresAt) return;
    const renewInMs = Math.max(30_000, (ice.expiresAt * 1000 - Date.now()) * 0.8);
    this.timer = setTimeout(() => {
      // A failed renewal is not fatal: a rejoin brings fresh credentials too.
      void this.fetchFresh().then(
        (fresh) => fresh && this.use(fresh),
        () => undefined,
      );
    }, renewInMs);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
