// The not-found page is static HTML with one <main> per language: show the one the person reads. Kept
// apart from the room page's i18n module on purpose: sharing a module would split it into a chunk that
// the room page then has to fetch as well.
const storageKey = 'parley:language'; // as in i18n/index.ts

function storedChoice(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

const texts = [...document.querySelectorAll<HTMLElement>('main[lang]')];
const wanted = [storedChoice(), ...navigator.languages].filter((tag): tag is string => !!tag);
const primary = (tag: string) => tag.toLowerCase().split(/[-_]/u)[0];
const chosen = wanted
  .map((tag) => texts.find((text) => primary(text.lang) === primary(tag)))
  .find((text) => text !== undefined);
if (chosen) {
  for (const text of texts) text.hidden = text !== chosen;
  document.documentElement.lang = chosen.lang;
  document.title = chosen.dataset.title ?? document.title;
}
