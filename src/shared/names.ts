import { limits } from './limits.js';

/**
 * Control characters (C0, C1), bidirectional overrides and isolates, zero-width and line/paragraph
 * separators can hide or reorder what other people see, so display names may not contain them.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafeCharacters = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/u;

/** Unicode-normalises, trims and collapses runs of white space. */
export function normalizeName(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

/** Why a (normalised) name is not acceptable, or undefined when it is. */
export function nameProblem(name: string): string | undefined {
  if (name.length === 0) return 'a name cannot be empty';
  if ([...name].length > limits.nameMax) return `a name is at most ${limits.nameMax} characters`;
  if (unsafeCharacters.test(name)) return 'a name cannot contain control or direction characters';
  return undefined;
}
