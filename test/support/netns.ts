/**
 * Real network conditions for browser tests: a participant in its own network namespace, joined to the
 * root namespace by a veth pair, its link shaped (rate, queue, random loss) or cut. Needs root, iproute2 and
 * nftables. See netns/shaping.ts for what this kernel can and cannot do (no netem: no fixed delay).
 */
export { createIsolatedHost, type IsolatedHost } from './netns/host.js';
export { launchBrowserInNamespace } from './netns/browser.js';
export { useIsolatedParticipant, type IsolatedSuiteEnvironment } from './netns/suite.js';
export { removeLeftovers } from './netns/leftovers.js';
export { namespacePrefix } from './netns/naming.js';
export type { Direction, LinkShape } from './netns/shaping.js';
