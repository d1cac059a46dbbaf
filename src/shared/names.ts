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
const refusedCharacters: ReadonlyArray<readonly [RegExp, NameProblem]> = [
  [/\p{Bidi_Control}/u, 'direction'],
  [/[\p{Zl}\p{Zp}]/u, 'line-breaks'],
  [/\p{Cc}/u, 'control'],
  [/[\u{E0000}-\u{E007F}]/u, 'tag-characters'],
  [/\p{Co}/u, 'private-use'],
  [/\p{Cs}/u, 'broken'],
  [/\p{Cn}/u, 'unassigned'],
  // Zero-width characters and fillers that draw nothing: Unicode marks them ignorable, all but the braille
  // blank. The joiners and variation selectors are judged in context below.
  [/(?![\u200C\u200D\p{Variation_Selector}])[\p{Default_Ignorable_Code_Point}\u2800]/u, 'invisible'],
  [/(?![\u200C\u200D])\p{Cf}/u, 'formatting'],
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

/**
 * Code points that are each a character of their own whatever surrounds them: printable ASCII, Latin-1 and
 * Latin Extended-A/B (no combining marks there), and precomposed Hangul syllables (they combine only with
 * conjoining jamo, which are not in this set).
 */
const standalone = /^[\x20-\x7E\u00A0-\u024F\uAC00-\uD7A3]*$/u;

// Built on first use: a fresh page spends 15-20 ms building one, and most names never need it.
// Firefox before 125 has no Intl.Segmenter: there a name is counted in code points (stricter), not broken.
let graphemeSegmenter: Intl.Segmenter | null | undefined;

/** The user-perceived characters of a text: a family emoji or a Devanagari syllable is one. */
export function graphemes(text: string): string[] {
  if (standalone.test(text)) return [...text];
  graphemeSegmenter ??=
    typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
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

/** What can be wrong with a name: each page says it in its own language (the server in English). */
export type NameProblem =
  | 'empty'
  | 'too-long'
  | 'direction'
  | 'line-breaks'
  | 'control'
  | 'tag-characters'
  | 'private-use'
  | 'broken'
  | 'unassigned'
  | 'invisible'
  | 'formatting'
  | 'stray-non-joiner'
  | 'stray-joiner'
  | 'stray-variation-selector'
  | 'mark-pile-up'
  | 'long-emoji-chain'
  | 'overbuilt-character'
  | 'nothing-visible'
  | 'self-marker';

/** What is wrong with a (normalised) name, or undefined when nothing is. */
export function nameProblemOf(name: string, fold: NameFold = foldName): NameProblem | undefined {
  if (name.length === 0) return 'empty';
  const characters = graphemes(name);
  if (characters.length > limits.nameMax) return 'too-long';
  const text = name.replace(subdivisionFlag, '\u{1F3F4}');
  for (const [pattern, problem] of refusedCharacters) if (pattern.test(text)) return problem;
  const problem = contextProblem([...text]);
  if (problem) return problem;
  if (strayVariationSelector.test(text)) return 'stray-variation-selector';
  if (markPileUp.test(text.normalize('NFD'))) return 'mark-pile-up';
  if (longEmojiChain.test(text)) return 'long-emoji-chain';
  if (characters.some((character) => [...character].length > partsPerCharacterMax)) return 'overbuilt-character';
  if (!visible.test(text)) return 'nothing-visible';
  if (fold(name).replace(/\s/gu, '').includes(fold(selfMarker))) return 'self-marker';
  return undefined;
}

/** The protocol's English for each problem (pages have their own words, src/client/i18n). */
export const nameProblemText: Record<NameProblem, string> = {
  empty: 'a name cannot be empty',
  'too-long': `a name is at most ${limits.nameMax} characters`,
  direction: 'a name cannot contain characters that change text direction',
  'line-breaks': 'a name cannot contain line or paragraph breaks',
  control: 'a name cannot contain control characters',
  'tag-characters': 'a name cannot contain invisible tag characters',
  'private-use': 'a name cannot contain private-use characters',
  broken: 'a name cannot contain broken characters (unpaired surrogates)',
  unassigned: 'a name cannot contain unassigned characters',
  invisible: 'a name cannot contain invisible characters',
  formatting: 'a name cannot contain formatting characters',
  'stray-non-joiner': 'a name can only use a zero width non-joiner between two letters',
  'stray-joiner': 'a name can only use a zero width joiner between emoji or inside a word in a script that needs it',
  'stray-variation-selector': 'a name can only use a variation selector right after a letter, digit or symbol',
  'mark-pile-up': 'a name cannot stack more than 3 marks on one character',
  'long-emoji-chain': 'a name cannot join more than 4 emoji into one',
  'overbuilt-character': `a name cannot build one character from more than ${partsPerCharacterMax} parts`,
  'nothing-visible': 'a name needs at least one letter, digit or emoji',
  'self-marker': `a name cannot contain "${selfMarker}": Parley adds it to your own tile`,
};

/** Why a (normalised) name is not acceptable, in the protocol's English, or undefined when it is. */
export function nameProblem(name: string, fold: NameFold = foldName): string | undefined {
  const problem = nameProblemOf(name, fold);
  return problem && nameProblemText[problem];
}

/** The joiners: ZWNJ between two letters, ZWJ between two emoji or inside a word of a script that uses it. */
function contextProblem(points: readonly string[]): NameProblem | undefined {
  for (const [index, point] of points.entries()) {
    const next = points[index + 1] ?? '';
    if (point === zwnj && !(letterBefore(points, index) && letter.test(next))) return 'stray-non-joiner';
    if (point === zwj && !joinsEmoji(points, index) && !joinsLetters(points, index)) return 'stray-joiner';
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
