import { nameProblem, normalizeName } from '../../shared/names.js';

const storageKey = 'parley:name';

/** The display name remembered on this device, if a valid one is stored. */
export function preferredName(): string | undefined {
  try {
    const stored = localStorage.getItem(storageKey);
    if (!stored) return undefined;
    const name = normalizeName(stored);
    return nameProblem(name) ? undefined : name;
  } catch {
    return undefined; // storage disabled (privacy mode): no remembered name
  }
}

/** Remembers the name for the next meeting on this device (an empty name forgets it). */
export function rememberName(name: string): void {
  try {
    if (name) localStorage.setItem(storageKey, name);
    else localStorage.removeItem(storageKey);
  } catch {
    // Storage disabled: the name lasts for this visit only.
  }
}
