import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  ChatMessage,
  IceServers,
  JoinedRoom,
  ParticipantInfo,
  RoomPreview,
} from '../../../../src/shared/events.js';
import type { AckData, ClientEvent } from '../../../../src/server/socket/contract.js';
import { eventRates } from '../../../../src/server/limits/rates.js';
import { registerChatHandlers } from '../../../../src/server/chat/handlers.js';
import { registerRoomHandlers } from '../../../../src/server/rooms/handlers.js';
import type { ParleySocket } from '../../../../src/server/socket/reply.js';
import type { RoomDeps } from '../../../../src/server/rooms/rooms.js';
import type { ChatDeps } from '../../../../src/server/chat/handlers.js';

/** Compile-time equality: a mismatch between the server's acks and the contract does not typecheck. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(check: Equal<A, B>) => check;

describe('the server is typed by the contract', () => {
  it('acknowledges each event with the type the contract gives it', () => {
    same<AckData<'join-room'>, JoinedRoom>(true);
    same<AckData<'peek-room'>, RoomPreview>(true);
    same<AckData<'media-state'>, ParticipantInfo>(true);
    same<AckData<'raise-hand'>, ParticipantInfo>(true);
    same<AckData<'chat-message'>, ChatMessage>(true);
    same<AckData<'ice-servers'>, IceServers>(true);
    same<AckData<'call-report'>, null>(true);
    same<AckData<'media-report'>, null>(true);
    same<AckData<'leave-room'>, null>(true);
    same<AckData<'view-size'>, null>(true);
    // @ts-expect-error -- a wrong ack type is a compile error
    same<AckData<'join-room'>, ParticipantInfo>(true);
    assert.ok(true);
  });

  it('registers a handler for every event of the contract, and the rate table names exactly those', () => {
    const registered = new Set<string>();
    const socket = {
      id: 'test',
      data: {},
      on: (event: string) => registered.add(event),
      use: () => undefined,
    } as unknown as ParleySocket;
    const reply = () => undefined;
    registerRoomHandlers(socket, {} as RoomDeps, reply);
    registerChatHandlers(socket, {} as ChatDeps, reply);
    registered.delete('disconnect');
    const contract: ClientEvent[] = Object.keys(eventRates) as ClientEvent[];
    assert.deepEqual([...registered].sort(), [...contract].sort());
  });
});
