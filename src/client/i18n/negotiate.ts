/**
 * The first of the person's languages (their browser's order) that the page speaks: an exact tag first
 * ("ko-KR" for "ko-KR"), else the same language ("ko-KR" for "ko", "en-GB" for "en"); else `fallback`.
 */
export function negotiate<L extends string>(requested: readonly string[], supported: readonly L[], fallback: L): L {
  for (const tag of requested) {
    const wanted = tag.trim().toLowerCase();
    const exact = supported.find((candidate) => candidate.toLowerCase() === wanted);
    if (exact) return exact;
    const language = primary(wanted);
    const same = supported.find((candidate) => primary(candidate.toLowerCase()) === language);
    if (same) return same;
  }
  return fallback;
}

/** "ko" of "ko-KR", "zh" of "zh-Hant-TW", "en" of "en_US" (some systems write an underscore). */
const primary = (tag: string): string => tag.split(/[-_]/u)[0] ?? '';
