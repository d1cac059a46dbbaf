import { limits } from './limits.js';

/**
 * The display-name policy, written by Unicode category rather than as a list of bad code points: letters and
 * marks of every script, digits, punctuation, symbols and emoji are names; what can hide text, reorder it or
 * stand in for nothing is not. The zero-width joiners and variation selectors are judged where they stand,
 * because emoji, Persian and the Indic scripts need them in one place and an impostor wants them in another.
 * This file has no data tables, so the client bundles it; the server adds the confusable skeleton
 * (nameSkeleton.ts) for what needs one.
 */

const zwnj = '\u200C';
const zwj = '\u200D';

/** Whether two strings read the same once set side by side; `foldName` by default, the skeleton on the server. */
export type NameFold = (text: string) => string;

/** Parley appends this to your own tile, so nobody else's name may claim it. */
const selfMarker = '(you)';

/** England, Scotland and Wales: the only emoji spelled with tag characters (RGI emoji tag sequences). */
const subdivisionFlag =
  /\u{1F3F4}\u{E0067}\u{E0062}(?:\u{E0065}\u{E006E}\u{E0067}|\u{E0073}\u{E0063}\u{E0074}|\u{E0077}\u{E006C}\u{E0073})\u{E007F}/gu;

/** Characters refused wherever they stand, in this order: the first one found gives the reason. */
const refusedCharacters: ReadonlyArray<readonly [RegExp, string]> = [
  [/\p{Bidi_Control}/u, 'a name cannot contain characters that change text direction'],
  [/[\p{Zl}\p{Zp}]/u, 'a name cannot contain line or paragraph breaks'],
  [/\p{Cc}/u, 'a name cannot contain control characters'],
  [/[\u{E0000}-\u{E007F}]/u, 'a name cannot contain invisible tag characters'],
  [/\p{Co}/u, 'a name cannot contain private-use characters'],
  [/\p{Cs}/u, 'a name cannot contain broken characters (unpaired surrogates)'],
  [/\p{Cn}/u, 'a name cannot contain unassigned characters'],
  // Zero-width characters and fillers that draw nothing: Unicode marks them ignorable, all but the braille
  // blank. The joiners and variation selectors are judged in context below.
  [
    /(?![\u200C\u200D\p{Variation_Selector}])[\p{Default_Ignorable_Code_Point}\u2800]/u,
    'a name cannot contain invisible characters',
  ],
  [/(?![\u200C\u200D])\p{Cf}/u, 'a name cannot contain formatting characters'],
];

/** Scripts whose shaping the zero-width joiner changes: cursive ones, and those with half forms after a virama. */
const joiningScript = new RegExp(
  `[${[
    'Arabic',
    'Syriac',
    'Nko',
    'Mongolian',
    'Adlam',
    'Hanifi_Rohingya',
    'Devanagari',
    'Bengali',
    'Gurmukhi',
    'Gujarati',
    'Oriya',
    'Tamil',
    'Telugu',
    'Kannada',
    'Malayalam',
    'Sinhala',
    'Myanmar',
    'Khmer',
    'Balinese',
    'Javanese',
  ]
    .map((script) => `\\p{Script_Extensions=${script}}`)
    .join('')}]`,
  'u',
);
const letter = /\p{L}/u;
const mark = /\p{M}/u;
const variationSelector = /\p{Variation_Selector}/u;
const pictographic = /\p{Extended_Pictographic}/u;
const emojiModifier = /\p{Emoji_Modifier}/u;
/** A variation selector chooses how the character just before it is drawn: one per letter, digit or symbol. */
// No lookbehind: Safari before 16.4 would refuse to parse the whole bundle.
const strayVariationSelector = /(?:^|[^\p{L}\p{N}\p{P}\p{S}])\p{Variation_Selector}/u;
/**
 * "Zalgo": a fourth mark on one character, counted decomposed (NFD), as drawn; real text stacks at most three
 * (Vietnamese, Hebrew, Thai use two or three).
 */
const markPileUp = /\p{M}{4}/u;
/**
 * The longest emoji ZWJ sequences (families, couples kissing) join four emoji; a longer chain would count as one
 * character and draw as many.
 */
const longEmojiChain =
  /\p{Extended_Pictographic}[\uFE0F\p{Emoji_Modifier}]*(?:\u200D\p{Extended_Pictographic}[\uFE0F\p{Emoji_Modifier}]*){4}/u;
/** Something to see: a name of punctuation, spaces and marks alone is refused. */
const visible = /[\p{L}\p{N}\p{Extended_Pictographic}\p{Regional_Indicator}]|[#*]\uFE0F?\u20E3/u;
/** A kissing couple with both skin tones has 10 code points; no real grapheme comes near this. */
const partsPerCharacterMax = 12;

// Firefox before 125 has no Intl.Segmenter: there a name is counted in code points (stricter), not broken.
const graphemeSegmenter =
  typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : undefined;

/** The user-perceived characters of a text: a family emoji or a Devanagari syllable is one. */
export function graphemes(text: string): string[] {
  if (!graphemeSegmenter) return [...text];
  return Array.from(graphemeSegmenter.segment(text), (part) => part.segment);
}

/**
 * Unicode-normalises (NFC), collapses runs of spaces, tabs and line feeds to one space and trims. Other white
 * space (line and paragraph separators, the zero-width no-break space) is left for `nameProblem` to refuse.
 */
export function normalizeName(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/[\t\n\r\p{Zs}]+/gu, ' ')
    .replace(/^ | $/gu, '');
}

/** NFKC, case-folded, without default-ignorable characters: "ＡＬＩＣＥ" and "alice" fold alike. */
export function foldName(text: string): string {
  // Upper then lower case is JavaScript's nearest to full case folding: "ß" becomes "ss", "ς" becomes "σ".
  return text
    .normalize('NFKC')
    .toUpperCase()
    .toLowerCase()
    .replace(/\p{Default_Ignorable_Code_Point}/gu, '');
}

/** Why a (normalised) name is not acceptable, or undefined when it is. */
export function nameProblem(name: string, fold: NameFold = foldName): string | undefined {
  if (name.length === 0) return 'a name cannot be empty';
  const characters = graphemes(name);
  if (characters.length > limits.nameMax) return `a name is at most ${limits.nameMax} characters`;
  const text = name.replace(subdivisionFlag, '\u{1F3F4}');
  for (const [pattern, problem] of refusedCharacters) if (pattern.test(text)) return problem;
  const problem = contextProblem([...text]);
  if (problem) return problem;
  if (strayVariationSelector.test(text)) {
    return 'a name can only use a variation selector right after a letter, digit or symbol';
  }
  if (markPileUp.test(text.normalize('NFD'))) return 'a name cannot stack more than 3 marks on one character';
  if (longEmojiChain.test(text)) return 'a name cannot join more than 4 emoji into one';
  if (characters.some((character) => [...character].length > partsPerCharacterMax)) {
    return `a name cannot build one character from more than ${partsPerCharacterMax} parts`;
  }
  if (!visible.test(text)) return 'a name needs at least one letter, digit or emoji';
  if (fold(name).replace(/\s/gu, '').includes(fold(selfMarker))) {
    return `a name cannot contain "${selfMarker}": Parley adds it to your own tile`;
  }
  return undefined;
}

/** The joiners: ZWNJ between two letters, ZWJ between two emoji or inside a word of a script that uses it. */
function contextProblem(points: readonly string[]): string | undefined {
  for (const [index, point] of points.entries()) {
    const next = points[index + 1] ?? '';
    if (point === zwnj && !(letterBefore(points, index) && letter.test(next))) {
      return 'a name can only use a zero width non-joiner between two letters';
    }
    if (point === zwj && !joinsEmoji(points, index) && !joinsLetters(points, index)) {
      return 'a name can only use a zero width joiner between emoji or inside a word in a script that needs it';
    }
  }
  return undefined;
}

/** The letter a joiner at `index` follows, past the marks on it (a virama, a vowel sign). */
function letterBefore(points: readonly string[], index: number): string | undefined {
  let at = index - 1;
  while (at >= 0 && mark.test(points[at] ?? '') && !variationSelector.test(points[at] ?? '')) at--;
  const before = points[at];
  return before !== undefined && letter.test(before) ? before : undefined;
}

function joinsEmoji(points: readonly string[], index: number): boolean {
  let at = index - 1;
  while (at >= 0 && (points[at] === '\uFE0F' || emojiModifier.test(points[at] ?? ''))) at--;
  return pictographic.test(points[at] ?? '') && pictographic.test(points[index + 1] ?? '');
}

function joinsLetters(points: readonly string[], index: number): boolean {
  const before = letterBefore(points, index);
  const after = points[index + 1] ?? '';
  return before !== undefined && joiningScript.test(before) && letter.test(after) && joiningScript.test(after);
}
