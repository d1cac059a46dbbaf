/**
 * Numbers, plurals and times in a language, from the browser's own Intl (no data to download).
 * Formatters are costly to build and cheap to reuse: one per language and style.
 */
const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached<F>(cache: Map<string, F>, key: string, make: () => F): F {
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * The form of `forms` that `count` takes in `language` (English: one, other; Korean: other only), with
 * "#" replaced by the count written for that language ("1,000").
 */
export function plural(language: string, count: number, forms: PluralForms): string {
  const rule = cached(pluralRules, language, () => new Intl.PluralRules(language)).select(count);
  const form = forms[rule] ?? forms.other;
  return form.replaceAll('#', formatNumber(language, count));
}

/**
 * Languages whose numbers are written with the digits 0-9 and group no digits below 1,000 (Intl agrees;
 * the unit tests check it): a small whole number needs no Intl.NumberFormat there. The first one a page builds
 * loads the browser's number data, 30-70 ms of the main thread on a fresh page, and the room's first drawing
 * ("2 people") would pay it while the first call is coming up.
 */
export const plainSmallNumbers: ReadonlySet<string> = new Set(['en', 'ko']);

export function formatNumber(language: string, value: number): string {
  const plain = Number.isInteger(value) && value >= 0 && value < 1000;
  if (plain && plainSmallNumbers.has(language.split('-')[0] ?? '')) return String(value);
  return cached(numberFormats, language, () => new Intl.NumberFormat(language)).format(value);
}

/** Morning and afternoon, as the language writes them beside a 12-hour clock. */
export type DayPeriods = readonly [am: string, pm: string];

/**
 * A clock time as people of `language` write it: "3:04 PM", "오후 3:04". `dayPeriods` overrides the
 * engine's AM/PM names: CLDR 48.0 and 48.1 (Node 20's and some browsers' ICU) write Korean ones as "AM"/"PM".
 */
export function formatTime(language: string, date: Date, dayPeriods?: DayPeriods): string {
  const format = cached(
    dateFormats,
    `${language}|time`,
    () => new Intl.DateTimeFormat(language, { timeStyle: 'short' }),
  );
  return withDayPeriods(format, date, dayPeriods);
}

/** Date and time in full, for a tooltip: "Mar 5, 2026, 3:04 PM", "2026. 3. 5. 오후 3:04". */
export function formatDateTime(language: string, date: Date, dayPeriods?: DayPeriods): string {
  const format = cached(
    dateFormats,
    `${language}|datetime`,
    () => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }),
  );
  return withDayPeriods(format, date, dayPeriods);
}

function withDayPeriods(format: Intl.DateTimeFormat, date: Date, dayPeriods: DayPeriods | undefined): string {
  if (!dayPeriods) return format.format(date);
  const period = date.getHours() < 12 ? dayPeriods[0] : dayPeriods[1];
  return format
    .formatToParts(date)
    .map((part) => (part.type === 'dayPeriod' ? period : part.value))
    .join('');
}
