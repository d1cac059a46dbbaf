import type { ErrorCode } from '../../shared/errors.js';

/** What the client says for each error code of the server (whose own English `message` is for logs). */
export const errors = {
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
