import { preferredLanguage, setLanguage } from './i18n/index.js';
import { preferredName } from './room/identity.js';
import { RoomSession } from './room/session.js';

/**
 * The first thing the page does (main.tsx imports this module before the interface's): ask for the
 * person's language, open the two connections and start the camera and microphone. The interface's
 * code is evaluated while the connections open, instead of before they are asked for.
 */
export const roomId = decodeURIComponent(location.pathname.slice(1));
/** Another language's messages are asked for first; the page draws once it can speak the person's language. */
export const speaking = setLanguage(preferredLanguage());
export const session = new RoomSession(roomId, preferredName());
session.start();
