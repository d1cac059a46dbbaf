import type { Seat } from './allowances.js';

/** The allowances counted per client address (everyone behind one network together). */
export const addressRateKinds = ['addressPeek', 'addressJoin', 'addressChat', 'addressPasscode'] as const;
export type AddressRateKind = (typeof addressRateKinds)[number];

/**
 * Counts that must hold for a whole cluster, on top of each node's own: per-address allowances and seats
 * per address. A node always counts in its own memory first (so no cap disappears when the shared store
 * does); these add the cluster's count. A single node has nothing to add (`nodeOnly`).
 */
export interface SharedLimits {
  /** Draws one request of `kind` from the address's allowance across the cluster. */
  allowAddress(kind: AddressRateKind, address: string): Promise<boolean>;
  /** Takes a seat for the address across the cluster, unless it holds `cap` already (a seat it holds counts once). */
  claimSeat(address: string, seat: Seat, cap: number): Promise<boolean>;
  /** The seat was given up. */
  releaseSeat(address: string, seat: Seat): void;
}

export const nodeOnly: SharedLimits = {
  allowAddress: () => Promise.resolve(true),
  claimSeat: () => Promise.resolve(true),
  releaseSeat: () => undefined,
};
