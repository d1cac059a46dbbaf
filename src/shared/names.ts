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

export type NameProblem = 'empty' | 'too-long' | 'unsafe-characters';

/** What is wrong with a (normalised) name, or undefined when nothing is: pages say it in their language. */
export function nameProblemOf(name: string): NameProblem | undefined {
  if (name.length === 0) return 'empty';
  if ([...name].length > limits.nameMax) return 'too-long';
  if (unsafeCharacters.test(name)) return 'unsafe-characters';
  return undefined;
}

const nameProblemText: Record<NameProblem, string> = {
  empty: 'a name cannot be empty',
  'too-long': `a name is at most ${limits.nameMax} characters`,
  'unsafe-characters': 'a name cannot contain control or direction characters',
};

/** Why a (normalised) name is not acceptable, in the protocol's English, or undefined when it is. */
export function nameProblem(name: string): string | undefined {
  const problem = nameProblemOf(name);
  return problem && nameProblemText[problem];
}
