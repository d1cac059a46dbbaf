/** A minimal observable value: the session writes it, the UI subscribes. */
export class Store<T> {
  private readonly listeners = new Set<(value: T) => void>();

  constructor(private value: T) {}

  get(): T {
    return this.value;
  }

  update(change: (value: T) => T): void {
    this.value = change(this.value);
    for (const listener of this.listeners) listener(this.value);
  }

  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
