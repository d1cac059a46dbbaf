import { render } from 'preact';
import { RoomSession } from './room/session.js';
import { App } from './ui/App.js';
import { preferredName } from './room/identity.js';
import './ui/styles.css';

const roomId = decodeURIComponent(location.pathname.slice(1));
const root = document.getElementById('app');
if (!root) throw new Error('the page has no #app element');

// Connections first: the page can draw while the sockets open.
const session = new RoomSession(roomId, preferredName());
session.start();
render(<App session={session} />, root);
