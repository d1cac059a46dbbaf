import { randomId } from '../ids.js';
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

const mediaKey = 'parley:media';

/** The microphone and camera as the person last left them on this device (both on at first). */
export function preferredMedia(): { audio: boolean; video: boolean } {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(mediaKey) ?? '{}');
    const choice = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
    return { audio: choice.audio !== false, video: choice.video !== false };
  } catch {
    return { audio: true, video: true }; // storage disabled or garbled: the defaults
  }
}

/** Remembers a microphone or camera choice, so that a rejoin (or the next meeting) starts the same way. */
export function rememberMedia(kind: 'audio' | 'video', enabled: boolean): void {
  try {
    localStorage.setItem(mediaKey, JSON.stringify({ ...preferredMedia(), [kind]: enabled }));
  } catch {
    // Storage disabled: the choice lasts for this visit only.
  }
}

const deviceKey = 'parley:device';
const hostKeyPrefix = 'parley:host:';

/**
 * This browser's own random id, kept on the device: a host who removes someone removes this device from
 * the room (a fresh browser profile is a new device; a locked or knock-to-join room keeps it out too).
 */
export function deviceId(): string | undefined {
  try {
    let id = localStorage.getItem(deviceKey);
    if (!id || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) {
      id = randomId().replace(/-/g, '');
      localStorage.setItem(deviceKey, id);
    }
    return id;
  } catch {
    return undefined; // storage disabled: no device id
  }
}

/** The host key this browser holds for a room, if any. */
export function hostKeyFor(roomId: string): string | undefined {
  try {
    return localStorage.getItem(hostKeyPrefix + roomId) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Keeps (or, with undefined, forgets) this browser's host key for a room. */
export function keepHostKey(roomId: string, hostKey: string | undefined): void {
  try {
    if (hostKey) localStorage.setItem(hostKeyPrefix + roomId, hostKey);
    else localStorage.removeItem(hostKeyPrefix + roomId);
  } catch {
    // Storage disabled: host for this visit only.
  }
}
