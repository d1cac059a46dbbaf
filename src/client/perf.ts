const marked = new Set<string>();

/**
 * Marks the first time a step of joining happens (`performance.getEntriesByName('parley:joined')`), so
 * benchmarks and people debugging a slow join can see where the time goes.
 */
export function markOnce(
  step:
    | 'page-drawn'
    | 'devices-ready'
    | 'peer-open'
    | 'signaling-connected'
    | 'join-requested'
    | 'joined'
    | 'call-received'
    | 'remote-stream'
    | 'first-remote-frame',
): void {
  const name = `parley:${step}`;
  if (marked.has(name)) return;
  marked.add(name);
  performance.mark(name);
}
