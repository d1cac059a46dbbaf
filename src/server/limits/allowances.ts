import { ConnectionRates, type RatesState } from './rates.js';
import { nodeOnly, type AddressRateKind, type SharedLimits } from './shared.js';

/** A seat: one person (peer id) in one room. */
export interface Seat {
  roomId: string;
  peerId: string;
}

/**
 * Allowances that outlive a connection: per person (their seat, kept across resumed connections until they
 * leave) and per client address (everyone behind one network, whatever connections they open). Address
 * entries of quiet addresses are forgotten, and there are never more than `maxAddresses` of them.
 */
export class Allowances {
  private readonly people = new Map<string, ConnectionRates>();
  private readonly addresses = new Map<string, { rates: ConnectionRates; lastUsed: number }>();

  /** Without per-address limits (MAX_CONNECTIONS_PER_IP=0), an address's allowance never runs out. */
  private readonly unlimited = { allow: () => true };

  constructor(
    private readonly options: {
      perAddress: boolean;
      maxAddresses?: number;
      forgetAfterMs?: number;
      clock?: () => number;
      /** A cluster's counts, drawn on after this node's own (allowAddress). */
      shared?: SharedLimits;
    } = { perAddress: true },
  ) {}

  get shared(): SharedLimits {
    return this.options.shared ?? nodeOnly;
  }

  /**
   * Draws one request of an address's allowance: from this node's count, then (in a cluster) from the
   * cluster's, so that spreading over nodes brings no more. This node's count always applies, whatever the
   * shared store says or fails to say.
   */
  async allowAddress(address: string, kind: AddressRateKind, now = this.clock()): Promise<boolean> {
    if (!this.address(address, now).allow(kind, now)) return false;
    if (!this.options.perAddress) return true;
    return this.shared.allowAddress(kind, address);
  }

  private get clock(): () => number {
    return this.options.clock ?? Date.now;
  }

  person(seat: Seat): ConnectionRates {
    const key = seatKey(seat);
    let rates = this.people.get(key);
    if (!rates) {
      rates = new ConnectionRates(this.clock);
      this.people.set(key, rates);
    }
    return rates;
  }

  /** What a person's allowances hold now (their room may move to another node; their allowance goes too). */
  personState(seat: Seat): RatesState | undefined {
    return this.people.get(seatKey(seat))?.state();
  }

  /** Takes over a person's allowances as another node left them. */
  restorePerson(seat: Seat, state: RatesState): void {
    this.people.set(seatKey(seat), new ConnectionRates(this.clock, state));
  }

  /** The person left their seat for good. */
  release(seat: Seat): void {
    this.people.delete(seatKey(seat));
  }

  address(address: string, now = this.clock()): Pick<ConnectionRates, 'allow'> {
    if (!this.options.perAddress) return this.unlimited;
    let entry = this.addresses.get(address);
    if (!entry) {
      if (this.addresses.size >= (this.options.maxAddresses ?? 100_000)) this.sweep(now, true);
      entry = { rates: new ConnectionRates(this.clock), lastUsed: now };
      this.addresses.set(address, entry);
    }
    entry.lastUsed = now;
    return entry.rates;
  }

  /** Forgets quiet addresses (with `urgent`, the oldest half too, to make room). */
  sweep(now = this.clock(), urgent = false): void {
    for (const [address, entry] of this.addresses) {
      if (now - entry.lastUsed > (this.options.forgetAfterMs ?? 10 * 60_000)) this.addresses.delete(address);
    }
    if (urgent && this.addresses.size >= (this.options.maxAddresses ?? 100_000)) {
      const oldest = [...this.addresses].sort((a, b) => a[1].lastUsed - b[1].lastUsed);
      for (const [address] of oldest.slice(0, Math.ceil(oldest.length / 2))) this.addresses.delete(address);
    }
  }

  get counts(): { people: number; addresses: number } {
    return { people: this.people.size, addresses: this.addresses.size };
  }
}

/** Room and peer ids never contain a newline (both are strict patterns). */
function seatKey({ roomId, peerId }: Seat): string {
  return `${roomId}\n${peerId}`;
}
