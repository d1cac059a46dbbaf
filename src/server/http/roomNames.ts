import { randomInt } from 'node:crypto';

const letters = 'abcdefghijklmnopqrstuvwxyz';

/** Groups of letters in a fresh room's name: `abcd-efgh-ijkl`, easy to read out and type on a phone. */
export const roomNameGroups = [4, 4, 4] as const;

/** Bits of randomness in a fresh room's name: 12 letters of 26, about 56 bits. */
export const roomNameBits = roomNameGroups.reduce((sum, size) => sum + size, 0) * Math.log2(letters.length);

/**
 * A fresh room's name, Meet-style but longer (Meet's `abc-defg-hij` has 47 bits): readable, and with every
 * letter drawn from the operating system's generator without bias, too many to find a live room by guessing
 * at the few looks a second per address that `peek-room` and joins allow. Old UUID links keep working.
 */
export function freshRoomName(): string {
  return roomNameGroups
    .map((size) => Array.from({ length: size }, () => letters[randomInt(letters.length)]).join(''))
    .join('-');
}
