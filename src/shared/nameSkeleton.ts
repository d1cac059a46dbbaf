import unhomoglyph from 'unhomoglyph';
import { limits } from './limits.js';
import { foldName, graphemes, nameProblem } from './names.js';

/**
 * What two names look like side by side, after Unicode TR39 ("confusable detection"). The confusables table
 * (unhomoglyph: the whole of Unicode's confusables.txt) is about 100 KB, so only the server imports this
 * file; the client checks names with names.ts alone, and the server's answer covers the look-alikes.
 */

/** Two skeletons per name, computed once per member: case-blind, and case-kept. */
export type NameKeys = readonly [folded: string, cased: string];

const ignorable = /\p{Default_Ignorable_Code_Point}/gu;

/** The TR39 skeleton: NFD, without default-ignorable characters, each character replaced by its prototype. */
function confusableSkeleton(text: string): string {
  return unhomoglyph(text.normalize('NFD').replace(ignorable, '')).normalize('NFD');
}

/**
 * A name's skeleton: NFKC, case-folded, without default-ignorables, confusables mapped to their prototype.
 * "Аlice" (Cyrillic А), "ALICE" and "Ⅰvan"/"Ivan" share theirs with "alice" and "ivan".
 */
export function skeleton(name: string): string {
  return confusableSkeleton(foldName(name));
}

/**
 * Both keys a name is compared by. Case folding first would part "Ivan" (capital i) from "lvan" (small L),
 * which many fonts draw alike; TR39 maps both to "lvan" only when the case is kept. A name looks like
 * another when either key matches.
 */
export function nameKeys(name: string): NameKeys {
  return [skeleton(name), confusableSkeleton(name.normalize('NFKC'))];
}

/** The server's full check: the client's policy, with "(you)" also found when spelt in look-alike letters. */
export function displayNameProblem(name: string): string | undefined {
  return nameProblem(name, skeleton);
}

/**
 * The name unchanged when nobody in `taken` looks like it, else with the first free visible suffix " (2)",
 * " (3)"…, shortened if need be to stay within the length limit.
 */
export function uniqueDisplayName(name: string, takenNames: Iterable<string>): string {
  return uniqueDisplayNameAmong(name, Array.from(takenNames, nameKeys));
}

/** `uniqueDisplayName` with the taken names' keys already computed (the roster keeps one pair per member). */
export function uniqueDisplayNameAmong(name: string, taken: Iterable<NameKeys>): string {
  const folded = new Set<string>();
  const cased = new Set<string>();
  for (const [foldedKey, casedKey] of taken) {
    folded.add(foldedKey);
    cased.add(casedKey);
  }
  const isFree = (candidate: string): boolean => {
    const [foldedKey, casedKey] = nameKeys(candidate);
    return !folded.has(foldedKey) && !cased.has(casedKey);
  };
  if (isFree(name)) return name;
  // Each taken name blocks at most two suffixes (one per key), so this ends within 2 × taken + 1 tries.
  for (let number = 2; ; number++) {
    const suffix = ` (${number})`;
    const candidate = `${shortened(name, limits.nameMax - suffix.length)}${suffix}`;
    if (isFree(candidate)) return candidate;
  }
}

/** At most `max` characters of the name, without a joiner or space left dangling at the cut. */
function shortened(name: string, max: number): string {
  const characters = graphemes(name);
  if (characters.length <= max) return name;
  return characters
    .slice(0, max)
    .join('')
    .replace(/(?:\u200C|\u200D| )+$/u, '');
}
