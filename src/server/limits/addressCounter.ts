/**
 * Open connections per client address, to cap how many one address may hold (0: no cap). Pure state;
 * the caller counts a connection when it opens and releases it when it closes.
 */
export class AddressCounter {
  private readonly open = new Map<string, number>();

  constructor(readonly cap: number) {}

  /** Whether one more connection from this address is allowed. */
  hasRoom(address: string): boolean {
    return this.cap === 0 || (this.open.get(address) ?? 0) < this.cap;
  }

  opened(address: string): void {
    this.open.set(address, (this.open.get(address) ?? 0) + 1);
  }

  closed(address: string): void {
    const count = (this.open.get(address) ?? 0) - 1;
    if (count > 0) this.open.set(address, count);
    else this.open.delete(address);
  }

  count(address: string): number {
    return this.open.get(address) ?? 0;
  }

  get addresses(): number {
    return this.open.size;
  }
}
