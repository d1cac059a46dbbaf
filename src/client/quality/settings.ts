import { Store } from '../room/store.js';

/**
 * The two quality switches a page reads, both kept on this device:
 *
 * - adaptive budgets (on unless turned off): `?quality=off` in the room's address, or localStorage
 *   `parley:quality` = `off`. Off, the page sends what the browser sends by default, as before budgets
 *   existed; `npm run bench:quality` compares the two. The address wins over storage (`?quality=on` too).
 * - low bandwidth (off unless turned on, in settings): incoming video only from whoever speaks (and whoever
 *   presents); everyone else's tile shows their initial.
 */
const qualityKey = 'parley:quality';
const lowBandwidthKey = 'parley:low-bandwidth';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage disabled: the choice lasts for this visit only.
  }
}

export function adaptiveQualityEnabled(search = location.search): boolean {
  const asked = new URLSearchParams(search).get('quality');
  if (asked === 'off' || asked === 'on') return asked === 'on';
  return read(qualityKey) !== 'off';
}

/** The low-bandwidth switch: settings write it, the page's view reports read it. */
export const lowBandwidth = new Store<boolean>(read(lowBandwidthKey) === 'on');

export function setLowBandwidth(on: boolean): void {
  write(lowBandwidthKey, on ? 'on' : 'off');
  lowBandwidth.update(() => on);
}
