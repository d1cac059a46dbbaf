import { Store } from '../room/store.js';
import { en, type Messages } from './en.js';
import { negotiate } from './negotiate.js';

/**
 * The page's language: what `t()` speaks, chosen from the browser's languages or by the person (remembered
 * on this device). English is in the first load; Korean is a separate chunk fetched only by those who use it.
 */
export const languages = ['en', 'ko'] as const;
export type Language = (typeof languages)[number];

/** Each language by its own name, in every language: people look for the one they read. */
export const languageNames: Record<Language, string> = { en: 'English', ko: '한국어' };

export type MessageKey = keyof Messages;
/** The parameters a message takes: none, or one object. */
export type MessageArgs<K extends MessageKey> = Messages[K] extends (params: infer P) => string ? [params: P] : [];

/** A message to say later, in whatever language the page speaks then (state keeps these, not strings). */
export type Phrase = { [K in MessageKey]: { readonly key: K; readonly args: MessageArgs<K> } }[MessageKey];

const loaders: Record<Language, () => Promise<Messages>> = {
  en: () => Promise.resolve(en),
  ko: () => import('./ko.js').then((module) => module.ko),
};
const storageKey = 'parley:language';

let messages: Messages = en;
/** The language the page speaks now; components re-render when it changes. */
export const language = new Store<Language>('en');

function render(from: Messages, key: MessageKey, params: unknown): string {
  // The key and its parameters were checked together by the caller's signature (t, phrase).
  const message = from[key] as string | ((params: unknown) => string);
  return typeof message === 'function' ? message(params) : message;
}

/** The message `key` in the page's language. */
export function t<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string {
  return render(messages, key, args[0]);
}

export function phrase<K extends MessageKey>(key: K, ...args: MessageArgs<K>): Phrase {
  // TypeScript cannot relate a generic K to one member of the Phrase union; the signature keeps them paired.
  return { key, args } as unknown as Phrase;
}

export function say(said: Phrase): string {
  return render(messages, said.key, said.args[0]);
}

/** A piece of a said phrase: its own text, or what a person wrote (a name, a message). */
export type PhrasePart = { text: string; param?: string };

/** The parameters that carry what people wrote, in any direction: names and chat text. */
const peoplesWords: ReadonlySet<string> = new Set(['name', 'first', 'second', 'text']);

/**
 * The phrase cut where people's words stand, so the page can isolate each (a right-to-left name must
 * not reorder the sentence around it). Those parameters are replaced by private-use markers, which the
 * catalogues never contain, and the message is cut at the markers.
 */
export function sayParts(said: Phrase): PhrasePart[] {
  const params = said.args[0] as Record<string, unknown> | undefined;
  if (!params) return [{ text: say(said) }];
  const marked = Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      peoplesWords.has(name) && typeof value === 'string' && value ? `\uE000${name}\uE001` : value,
    ]),
  );
  const text = render(messages, said.key, marked);
  const parts: PhrasePart[] = [];
  for (const [index, piece] of text.split(/\uE000(\w+)\uE001/u).entries()) {
    if (index % 2 === 1) parts.push({ text: String(params[piece]), param: piece });
    else if (piece) parts.push({ text: piece });
  }
  return parts;
}

export const isLanguage = (value: unknown): value is Language => languages.includes(value as Language);

/** The person's own choice on this device, else the first of the browser's languages the page speaks. */
export function preferredLanguage(): Language {
  try {
    const stored = localStorage.getItem(storageKey);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage disabled: the browser's languages decide.
  }
  const browser = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return negotiate(browser, languages, 'en');
}

let requested = 0;

/**
 * Speaks `next` from now on: loads its messages, then re-renders the page and sets `<html lang>`. A
 * failed load (offline) keeps the current language. `remember` keeps the choice on this device.
 */
export async function setLanguage(next: Language, remember = false): Promise<void> {
  const ticket = ++requested;
  if (remember) {
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // Storage disabled: the choice lasts for this visit only.
    }
  }
  const loaded = await loaders[next]().catch((error: unknown) => {
    console.warn('cannot load the messages of', next, error);
    return undefined;
  });
  // A later choice was made while this one loaded: that one wins.
  if (!loaded || ticket !== requested) return;
  messages = loaded;
  if (typeof document !== 'undefined') {
    document.documentElement.lang = next;
    document.title = t('page.title');
  }
  language.update(() => next);
}
