import type { TrackKind } from './localMedia.js';

export type DeviceKind = 'camera' | 'microphone' | 'speaker';

export interface DeviceOption {
  id: string;
  /** The browser's name for it; empty when it gives none (the page then numbers it, in its language). */
  label: string;
}

export type DeviceLists = Record<DeviceKind, DeviceOption[]>;

export type DeviceChoice = Partial<Record<DeviceKind, string>>;

export const noDevices: DeviceLists = { camera: [], microphone: [], speaker: [] };

const mediaKinds: Record<MediaDeviceKind, DeviceKind> = {
  videoinput: 'camera',
  audioinput: 'microphone',
  audiooutput: 'speaker',
};

/** The devices the browser lists (their names are empty until a permission is granted). */
export async function listDevices(): Promise<DeviceLists> {
  if (!navigator.mediaDevices?.enumerateDevices) return noDevices;
  const lists: DeviceLists = { camera: [], microphone: [], speaker: [] };
  for (const device of await navigator.mediaDevices.enumerateDevices()) {
    const kind = mediaKinds[device.kind];
    // Without a permission the browser lists nameless devices without ids: not a choice worth showing.
    if (!device.deviceId) continue;
    const list = lists[kind];
    list.push({ id: device.deviceId, label: device.label });
  }
  return lists;
}

/** Whether this browser lets a page choose where sound plays (setSinkId). */
export const canChooseSpeaker = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

const storageKey = 'parley:devices';

/** The devices chosen last time on this device. */
export function rememberedDevices(): DeviceChoice {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '{}');
    if (typeof stored !== 'object' || stored === null) return {};
    const choice: DeviceChoice = {};
    for (const kind of ['camera', 'microphone', 'speaker'] as const) {
      const id = (stored as Record<string, unknown>)[kind];
      if (typeof id === 'string' && id.length <= 200) choice[kind] = id;
    }
    return choice;
  } catch {
    return {};
  }
}

export function rememberDevices(choice: DeviceChoice): void {
  try {
    localStorage.setItem(storageKey, JSON.stringify(choice));
  } catch {
    // Storage disabled (privacy mode): the choice lasts for this visit only.
  }
}

export const trackKindOf = (kind: 'camera' | 'microphone'): TrackKind => (kind === 'camera' ? 'video' : 'audio');
