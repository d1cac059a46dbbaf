export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Candidates: http(s) addresses and bare www. addresses, up to white space or a character URLs never hold. */
const candidate = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/giu;
/** Punctuation that ends a sentence rather than an address. */
const trailing = /[.,;:!?]+$/u;

/**
 * Splits chat text into plain text and links. Only http and https addresses become links; everything else
 * (javascript:, data:, look-alikes) stays text. The page renders both as text nodes, never as HTML.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(candidate)) {
    const start = match.index;
    let raw = match[0].replace(trailing, '');
    // A closing parenthesis belongs to the address only when the address opened one.
    while (raw.endsWith(')') && count(raw, '(') < count(raw, ')')) raw = raw.slice(0, -1).replace(trailing, '');
    const href = hrefOf(raw);
    if (!href) continue;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

function hrefOf(raw: string): string | undefined {
  const withScheme = /^https?:\/\//iu.test(raw) ? raw : `https://${raw}`;
  if (!URL.canParse(withScheme)) return undefined;
  const url = new URL(withScheme);
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname.includes('.')) return undefined;
  return url.href;
}

const count = (text: string, character: string) => text.split(character).length - 1;
