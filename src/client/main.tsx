// First the connections open and the camera starts (start.ts); the interface is a chunk of its own,
// fetched beside this one (the HTML preloads it) and evaluated in a later task, so that the connections'
// handshakes are not held up behind the interface's code.
import { session, speaking } from './start.js';
import { resumeAudio } from './media/audioContext.js';
import './ui/styles.css';

const root = document.getElementById('app');
if (!root) throw new Error('the page has no #app element');

// Browsers keep audio processing asleep until the person interacts with the page.
for (const event of ['pointerdown', 'keydown'] as const) window.addEventListener(event, resumeAudio, { passive: true });
// The interface is drawn once the signaling socket is connected, or 80 ms at most: its first render is one
// long task, and the socket's handshake needs the main thread three times. A/B on this machine (24 pairs,
// both orders): connected 90-150 ms sooner, first remote frame 22-24 ms sooner, the pre-join no later.
const [{ mount }] = await Promise.all([import('./ui/mount.js'), speaking, session.signalingUp(80)]);
mount(session, root);
