import type { MediaDevice } from '../i18n/en.js';
import { phrase, type Phrase } from '../i18n/index.js';

/** Whether a getUserMedia failure is the browser (or the person) refusing permission, not a device problem. */
export function isBlocked(error: unknown): boolean {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  return name === 'NotAllowedError' || name === 'SecurityError';
}

/** Turns a getUserMedia failure into a message a person can act on. */
export function describeMediaProblem(error: unknown, device: MediaDevice): Phrase {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return phrase('media.blocked', { device });
    case 'NotFoundError':
    case 'OverconstrainedError':
      return phrase('media.notFound', { device });
    case 'NotReadableError':
    case 'AbortError':
      return phrase('media.busy', { device });
    default:
      return phrase('media.failed', { device, error: name });
  }
}

export const insecureContextProblem = phrase('media.insecure');
