import { limits } from './limits.js';

/**
 * Control characters other than line feed and tab can hide text or break the layout of other people's
 * pages, so chat messages may not contain them. Direction marks and overrides are allowed (people who
 * write right to left use them); the page isolates each message so they cannot reorder anything else.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const forbiddenCharacters = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

/** Line endings become "\n"; blank lines around the message go. */
export function normalizeChatText(raw: string): string {
  return raw
    .replace(/\r\n?/gu, '\n')
    .replace(/^\s*\n/u, '')
    .trimEnd();
}

/** Why a (normalised) chat text cannot be sent, or undefined when it can. */
export function chatTextProblem(text: string): string | undefined {
  if (text.trim().length === 0) return 'a message cannot be empty';
  if ([...text].length > limits.chatMax) return `a message is at most ${limits.chatMax} characters`;
  if (forbiddenCharacters.test(text)) return 'a message cannot contain control characters';
  return undefined;
}
