import type { Page } from 'playwright-core';
import { type EvaluatingPage } from './pageScripts.js';

export interface EnglishWord {
  word: string;
  /** Where it was seen: "text", or the attribute ("aria-label of button"), or "document title". */
  where: string;
  /** The whole text or attribute it was in. */
  in: string;
}

/**
 * Latin-letter words a person can see or hear on the page: its visible text, the names screen readers read
 * (aria-label, aria-valuetext), tooltips (title), placeholders, alt texts and the document title. `allowed`
 * are things that are not words of the interface (the room's name, people's names); the device names the
 * browser gives and each language's own name in the language picker are allowed too.
 */
export function englishWords(page: EvaluatingPage, allowed: readonly string[]): Promise<EnglishWord[]> {
  return page.evaluate((allowed) => {
    const sources: { where: string; text: string }[] = [{ where: 'document title', text: document.title }];
    sources.push({ where: 'text', text: document.body.innerText });
    const attributes = ['aria-label', 'aria-valuetext', 'aria-description', 'title', 'placeholder', 'alt'];
    for (const element of document.body.querySelectorAll('*')) {
      for (const attribute of attributes) {
        const value = element.getAttribute(attribute);
        if (value) sources.push({ where: `${attribute} of ${element.tagName.toLowerCase()}`, text: value });
      }
    }
    const notInterface = [
      ...allowed,
      // What the browser calls the devices, and each language by its own name: not the page's words.
      ...[...document.querySelectorAll('select[id^="device-"] option, select[id$="-language"] option')].map(
        (option) => option.textContent ?? '',
      ),
    ]
      .filter(Boolean)
      .sort((a, b) => b.length - a.length);
    const found: { word: string; where: string; in: string }[] = [];
    for (const { where, text } of sources) {
      let rest = text;
      for (const allowedText of notInterface) rest = rest.split(allowedText).join(' ');
      for (const word of rest.match(/[A-Za-z]{2,}/gu) ?? []) found.push({ word, where, in: text });
    }
    return found;
  }, allowed);
}

/** Elements that stick out of the box they belong in, or out of the screen, and whether the page scrolls sideways. */
export function overflows(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} "${(element.textContent ?? '').slice(0, 40)}"`;
    const outside = (inner: DOMRect, outer: DOMRect) =>
      inner.width > 0 &&
      (inner.left < outer.left - 1 ||
        inner.right > outer.right + 1 ||
        inner.top < outer.top - 1 ||
        inner.bottom > outer.bottom + 1);
    const pairs: [string, string][] = [
      ['.tile', '.tile__label'],
      ['.tile', '.tile__name'],
      ['.topbar', '.topbar > *'],
      ['.people__row', '.people__name'],
      ['.chat__message', '.chat__meta, .chat__text, .chat__status'],
      ['.prejoin__panel', '.prejoin__panel > *'],
      ['.dialog', '.dialog *'],
      ['.toasts', '.toast'],
    ];
    for (const [outerSelector, innerSelector] of pairs) {
      for (const outer of document.querySelectorAll(outerSelector)) {
        const box = outer.getBoundingClientRect();
        for (const inner of outer.querySelectorAll(innerSelector)) {
          if (outside(inner.getBoundingClientRect(), box)) problems.push(`${describe(inner)} outside ${outerSelector}`);
        }
      }
    }
    const screen = new DOMRect(0, 0, innerWidth, innerHeight);
    for (const element of document.querySelectorAll('.topbar, .controls, .toast, .banner, .prejoin__who')) {
      if (outside(element.getBoundingClientRect(), screen)) problems.push(`${describe(element)} off screen`);
    }
    if (document.documentElement.scrollWidth > innerWidth + 1) {
      problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${innerWidth})`);
    }
    return problems;
  });
}

/** Occurrences of `name` in the page's text that are not isolated from the text around them. */
export function unisolatedNames(page: Page, name: string): Promise<string[]> {
  return page.evaluate((name) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const found: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.includes(name) || !node.parentElement) continue;
      const parent = node.parentElement;
      const alone = node.textContent.trim() === name;
      const isolated = ['isolate', 'isolate-override', 'plaintext'].includes(getComputedStyle(parent).unicodeBidi);
      if (!alone || !isolated) found.push(`${parent.tagName.toLowerCase()}.${parent.className}: ${node.textContent}`);
    }
    return found;
  }, name);
}
