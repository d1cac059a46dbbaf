import type { ErrorCode } from '../../shared/errors.js';
import { formatDateTime, formatTime, plural } from './format.js';

/**
 * The interface in English: the source of every key. Other languages are typed by this object (`Messages`),
 * so a missing key or a message with other parameters does not compile. A message with parameters is a
 * function of one object; names and other people's text arrive as parameters, never glued on by callers.
 */

type Name = { name: string };
type Count = { count: number };
/** Which device a media problem is about: the noun differs by language (and Korean particles follow it). */
export type MediaDevice = 'camera' | 'microphone' | 'cameraAndMicrophone';
type Device = { device: MediaDevice };

const device: Record<MediaDevice, string> = {
  camera: 'camera',
  microphone: 'microphone',
  cameraAndMicrophone: 'camera and microphone',
};
const people = (count: number) => plural('en', count, { one: '# person', other: '# people' });

/** What the client says for each error code of the server (whose own English `message` is for logs). */
const errors = {
  'error.invalid-room': 'This address is not a room: a room name is 3 to 64 letters, digits, “-” or “_”.',
  'error.invalid-peer-id': 'This page made an invalid connection. Reload the page and try again.',
  'error.invalid-name': 'That name cannot be used. Choose another one.',
  'error.invalid-message': 'The server did not accept the message.',
  'error.invalid-payload': 'The server did not understand this page. Reload the page and try again.',
  'error.room-full': 'This meeting is full. Try again later.',
  'error.peer-id-taken': 'This connection is in use by someone else. Reload the page and try again.',
  'error.peer-not-connected': 'The call connection is not ready yet. Try again in a moment.',
  'error.already-joined': 'This page is already in the meeting.',
  'error.not-joined': 'You are not in the meeting right now.',
  'error.shutting-down': 'The server is restarting. Try again in a moment.',
  'error.room-elsewhere': 'This meeting is on another server of this site. Reload the page.',
  'error.rate-limited': 'Too many requests at once. Wait a moment and try again.',
  'error.unknown-event': 'The server did not recognise a request from this page. Reload the page.',
  'error.too-many-errors': 'The server disconnected this page after too many refused requests. Reload the page.',
  'error.too-many-seats': 'Your network already has too many people in meetings here. Leave one first.',
  'error.knock-required': 'This meeting lets people in one by one. Ask to join.',
  'error.room-locked': 'This meeting is locked: nobody new can join.',
  'error.passcode-required': 'This meeting needs a passcode.',
  'error.wrong-passcode': 'That passcode is not right.',
  'error.invalid-host-key': 'This browser’s host key no longer opens this meeting.',
  'error.not-host': 'Only a host can do that.',
  'error.not-in-room': 'That person is no longer here.',
} satisfies Record<`error.${ErrorCode}`, string>;

export const en = {
  'page.title': 'Parley meeting',
  'language.label': 'Language',
  withShortcut: ({ label, key }: { label: string; key: string }) => `${label} (${key})`,

  // Before joining
  'prejoin.preview': 'Your camera and microphone',
  'prejoin.startingCamera': 'Starting camera…',
  'prejoin.cameraOff': 'Camera is off',
  'prejoin.noCamera': 'No camera',
  'prejoin.title': 'Ready to join?',
  'prejoin.name': 'Your name',
  'prejoin.namePlaceholder': 'How others will see you',
  'prejoin.join': 'Join now',
  'prejoin.devices': 'Devices',
  'prejoin.connecting': 'Connecting…',
  'prejoin.full': ({ capacity }: { capacity: number }) =>
    `This meeting is full (${people(capacity)}). Try again later.`,
  'prejoin.nobody': 'No one else is here yet.',
  'prejoin.one': ({ name }: Name) => `${name} is in this meeting.`,
  'prejoin.two': ({ first, second }: { first: string; second: string }) =>
    `${first} and ${second} are in this meeting.`,
  'prejoin.many': ({ first, second, more }: { first: string; second: string; more: number }) =>
    `${first}, ${second} and ${more} more are in this meeting.`,
  'name.empty': 'A name cannot be empty.',
  'name.too-long': ({ max }: { max: number }) => `A name is at most ${max} characters.`,
  'name.direction': 'A name cannot contain characters that change text direction.',
  'name.line-breaks': 'A name cannot contain line breaks.',
  'name.control': 'A name cannot contain control characters.',
  'name.tag-characters': 'A name cannot contain invisible tag characters.',
  'name.private-use': 'A name cannot contain private-use characters.',
  'name.broken': 'A name cannot contain broken characters.',
  'name.unassigned': 'A name cannot contain characters this server does not know yet.',
  'name.invisible': 'A name cannot contain invisible characters.',
  'name.formatting': 'A name cannot contain formatting characters.',
  'name.stray-non-joiner': 'A zero-width non-joiner may only stand between two letters.',
  'name.stray-joiner': 'A zero-width joiner may only join emoji, or letters of a script that needs it.',
  'name.stray-variation-selector': 'A variation selector may only follow a letter, digit or symbol.',
  'name.mark-pile-up': 'A name cannot stack more than 3 accents on one letter.',
  'name.long-emoji-chain': 'A name cannot join more than 4 emoji into one.',
  'name.overbuilt-character': 'A name cannot build one character out of so many parts.',
  'name.nothing-visible': 'A name needs at least one letter, digit or emoji.',
  'name.self-marker': 'A name cannot contain “(you)”: Parley adds it to your own tile.',

  // The call's controls (and the pre-join toggles)
  'controls.label': 'Call controls',
  'microphone.none': 'No microphone available',
  'microphone.turnOff': 'Turn off microphone',
  'microphone.turnOn': 'Turn on microphone',
  'camera.none': 'No camera available',
  'camera.turnOff': 'Turn off camera',
  'camera.turnOn': 'Turn on camera',
  'screen.start': 'Share the screen',
  'screen.stop': 'Stop sharing the screen',
  'hand.raise': 'Raise your hand',
  'hand.lower': 'Lower your hand',
  'chat.button': 'Chat',
  'chat.buttonUnread': ({ count }: Count) => `Chat, ${count} unread`,
  'people.button': 'People',
  'settings.button': 'Settings',
  'leave.button': 'Leave the call',

  // Top bar, banners, panels
  'topbar.count': ({ count }: Count) => (count === 1 ? 'Only you here' : people(count)),
  'layout.speaker': 'Speaker layout',
  'layout.grid': 'Grid layout',
  'invite.copy': 'Copy invite link',
  'invite.copied': 'Link copied',
  'invite.copiedNotice': 'Invite link copied',
  'invite.copyByHand': 'Copy the address from the address bar',
  'banner.connecting': 'Connecting…',
  'banner.restarting': 'The server is restarting. Reconnecting…',
  'banner.lost': 'Connection lost. Reconnecting…',
  'banner.dismiss': 'Dismiss',
  'banner.turnOnSound': 'Click to turn on sound',
  'panel.chat': 'Chat',
  'panel.people': ({ count }: Count) => `People (${count})`,
  'panel.closeChat': 'Close chat',
  'panel.closePeople': 'Close people',

  // Tiles and the list of people
  'self.name': 'You',
  'person.self': ({ name }: Name) => `${name} (you)`,
  'people.list': ({ count }: Count) => `${count} in the call`,
  'state.microphoneOff': 'microphone off',
  'state.cameraOff': 'camera off',
  'state.presenting': 'presenting',
  'state.hand': 'hand raised',
  'badge.hand': 'Hand raised',
  'badge.presenting': 'Presenting',
  'badge.microphoneOff': 'Microphone off',
  'badge.cameraOff': 'Camera off',
  'tile.pin': ({ name }: Name) => `Pin ${name}`,
  'tile.unpin': ({ name }: Name) => `Unpin ${name}`,
  'tile.pinTitle': 'Pin: keep this tile large',
  'tile.unpinTitle': 'Unpin',
  'tile.fullscreen': ({ name }: Name) => `Full screen: ${name}`,
  'tile.fullscreenTitle': 'Full screen',
  'link.connecting': 'Connecting…',
  'link.reconnecting': 'Reconnecting…',
  'link.failed': 'Cannot connect. Still trying…',
  'participant.guest': 'Guest',

  // Chat
  'chat.messages': 'Messages',
  'chat.empty': 'No messages yet. Messages are seen by everyone in the call.',
  'chat.input': 'Message to everyone',
  'chat.send': 'Send message',
  'chat.sendTitle': 'Send (Enter)',
  'chat.you': 'You',
  'chat.sending': 'Sending…',
  'chat.waiting': 'Waiting for the connection…',
  'chat.noAnswer': 'Not sent: no answer from the server.',
  'chat.refused': ({ reason }: { reason: string }) => `Not sent. ${reason}`,
  'chat.retry': 'Retry',
  'chat.notice': ({ name, text }: { name: string; text: string }) => `${name}: ${text}`,
  'chat.time': ({ time }: { time: Date }) => formatTime('en', time),
  'chat.dateTime': ({ time }: { time: Date }) => formatDateTime('en', time),
  'chatText.empty': 'A message cannot be empty.',
  'chatText.too-long': ({ max }: { max: number }) => `A message is at most ${max} characters.`,
  'chatText.control-characters': 'A message cannot contain control characters.',

  // Settings and devices
  'settings.title': 'Settings',
  'settings.close': 'Close settings',
  'settings.devices': 'Devices',
  'settings.noDevices': 'No camera or microphone is available to this page.',
  'settings.shortcuts': 'Keyboard shortcuts',
  'settings.singleKey': 'Single-key shortcuts',
  'device.camera': 'Camera',
  'device.microphone': 'Microphone',
  'device.speaker': 'Speaker',
  'device.numbered': ({ kind, number }: { kind: string; number: number }) => `${kind} ${number}`,
  'meter.label': 'Microphone level',
  'shortcut.microphone': 'Microphone on or off',
  'shortcut.camera': 'Camera on or off',
  'shortcut.screen': 'Share the screen, or stop',
  'shortcut.hand': 'Raise or lower your hand',
  'shortcut.chat': 'Open or close the chat',
  'shortcut.people': 'Open or close the list of people',
  'shortcut.settings': 'Camera, microphone and speaker settings',
  'shortcut.invite': 'Copy the invite link',
  'shortcut.layout': 'Grid or speaker layout',
  'shortcut.fullscreen': 'Full screen for the large tile',
  'shortcut.leave': 'Leave the call',
  'shortcut.help': 'Show these shortcuts',

  // End screens
  'end.left': 'You left the meeting',
  'end.leftDetail': 'The others can carry on without you.',
  'end.rejoin': 'Rejoin',
  'end.refused': 'You could not join',
  'end.tryAgain': 'Try again',
  'end.newMeeting': 'New meeting',

  // Who came, who left (toasts)
  'notice.joined': ({ name }: Name) => `${name} joined`,
  'notice.left': ({ name }: Name) => `${name} left`,
  'notice.hand': ({ name }: Name) => `${name} raised their hand`,
  'notice.presenting': ({ name }: Name) => `${name} is presenting`,

  // The server refused the connection itself
  'connection.too-many': 'The server refuses more connections from your network right now. Retrying…',
  'connection.origin': 'The server refuses connections from this page’s address. Open the meeting from its own link.',
  'connection.refused': 'The server refused the connection. Retrying…',

  // Camera, microphone and screen problems
  'media.blocked': ({ device: wanted }: Device) =>
    `Access to your ${device[wanted]} was blocked. Allow it in the browser's site settings and reload; meanwhile you can watch and listen.`,
  'media.notFound': ({ device: wanted }: Device) => `No ${device[wanted]} was found. You can still watch and listen.`,
  'media.busy': ({ device: wanted }: Device) =>
    `Your ${device[wanted]} is busy or failed to start (another app may be using it). You can still watch and listen.`,
  'media.failed': ({ device: wanted, error }: Device & { error: string }) =>
    `Your ${device[wanted]} could not be started${error ? ` (${error})` : ''}. You can still watch and listen.`,
  'media.insecure': 'Camera and microphone need a secure page (https:// or localhost). You can still watch and listen.',
  'screen.unsupported': 'This browser cannot share the screen.',
  'screen.none': 'No screen was shared.',
  'screen.cancelled': 'Screen sharing was cancelled.',
  'screen.failed': 'The screen could not be shared.',

  ...errors,
};

export type Messages = typeof en;
