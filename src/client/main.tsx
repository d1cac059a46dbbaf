import { render } from 'preact';
import { preferredLanguage, setLanguage } from './i18n/index.js';
import { resumeAudio } from './media/audioContext.js';
import { markOnce } from './perf.js';
import { preferredName } from './room/identity.js';
import { RoomSession } from './room/session.js';
import { App } from './ui/App.js';
import './ui/styles.css';

const roomId = decodeURIComponent(location.pathname.slice(1));
const root = document.getElementById('app');
if (!root) throw new Error('the page has no #app element');

// Another language's messages are asked for first, then the connections open while they load; the page
// draws once it can speak the person's language.
const speaking = setLanguage(preferredLanguage());
const session = new RoomSession(roomId, preferredName());
session.start();
void speaking.then(() => {
  render(<App session={session} />, root);
  markOnce('page-drawn');
});
// Browsers keep audio processing asleep until the person interacts with the page.
for (const event of ['pointerdown', 'keydown'] as const) window.addEventListener(event, resumeAudio, { passive: true });
