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

export type ChatTextProblem = 'empty' | 'too-long' | 'control-characters';

/** What is wrong with a (normalised) chat text, or undefined when nothing is: pages say it in their language. */
export function chatTextProblemOf(text: string): ChatTextProblem | undefined {
  if (text.trim().length === 0) return 'empty';
  if ([...text].length > limits.chatMax) return 'too-long';
  if (forbiddenCharacters.test(text)) return 'control-characters';
  return undefined;
}

const chatTextProblemText: Record<ChatTextProblem, string> = {
  empty: 'a message cannot be empty',
  'too-long': `a message is at most ${limits.chatMax} characters`,
  'control-characters': 'a message cannot contain control characters',
};

/** Why a (normalised) chat text cannot be sent, in the protocol's English, or undefined when it can. */
export function chatTextProblem(text: string): string | undefined {
  const problem = chatTextProblemOf(text);
  return problem && chatTextProblemText[problem];
}
