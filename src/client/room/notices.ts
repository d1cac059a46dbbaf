import type { Phrase } from '../i18n/index.js';
import { Store } from './store.js';

export interface Notice {
  id: number;
  text: Phrase;
}

const showMs = 4000;
const most = 3;

/** Short messages for everyone on the page ("Ada joined"), each gone after a few seconds. */
export class Notices {
  readonly store = new Store<readonly Notice[]>([]);
  private nextId = 1;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  show(text: Phrase): void {
    const notice = { id: this.nextId++, text };
    this.store.update((notices) => [...notices, notice].slice(-most));
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.store.update((notices) => notices.filter((candidate) => candidate.id !== notice.id));
    }, showMs);
    this.timers.add(timer);
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.store.update(() => []);
  }
}
