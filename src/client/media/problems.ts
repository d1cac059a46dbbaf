/** Turns a getUserMedia failure into a message a person can act on. */
export function describeMediaProblem(error: unknown, wanted: string): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return `Access to your ${wanted} was blocked. Allow it in the browser's site settings and reload; meanwhile you can watch and listen.`;
    case 'NotFoundError':
    case 'OverconstrainedError':
      return `No ${wanted} was found. You can still watch and listen.`;
    case 'NotReadableError':
    case 'AbortError':
      return `Your ${wanted} is busy or failed to start (another app may be using it). You can still watch and listen.`;
    default:
      return `Your ${wanted} could not be started${name ? ` (${name})` : ''}. You can still watch and listen.`;
  }
}

export const insecureContextProblem =
  'Camera and microphone need a secure page (https:// or localhost). You can still watch and listen.';
