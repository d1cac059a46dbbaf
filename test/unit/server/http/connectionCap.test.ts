import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { Server, Socket } from 'node:net';
import { describe, it } from 'node:test';
import { capConnections } from '../../../../src/server/http/connectionCap.js';

/** A stand-in TCP connection: it says where it comes from, and whether it was destroyed. */
class FakeSocket extends EventEmitter {
  destroyed = false;
  constructor(readonly remoteAddress: string) {
    super();
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('close');
  }
}

function setup(cap: number, proxies: string[] = []) {
  const server = new EventEmitter();
  const { detach } = capConnections(server as unknown as Server, {
    cap,
    keyOf: (socket) => (proxies.includes(socket.remoteAddress ?? '') ? undefined : socket.remoteAddress),
  });
  const connect = (address: string) => {
    const socket = new FakeSocket(address);
    server.emit('connection', socket as unknown as Socket);
    return socket;
  };
  return { connect, detach };
}

describe('capConnections', () => {
  it('destroys connections beyond the cap of their address, and lets one in again when one closes', () => {
    const { connect } = setup(3);
    const held = [connect('10.0.0.1'), connect('10.0.0.1'), connect('10.0.0.1')];
    assert.ok(held.every((socket) => !socket.destroyed));
    assert.equal(connect('10.0.0.1').destroyed, true, 'the fourth');
    assert.equal(connect('10.0.0.2').destroyed, false, 'another address');
    held[0]?.destroy();
    assert.equal(connect('10.0.0.1').destroyed, false, 'a place was freed');
    assert.equal(connect('10.0.0.1').destroyed, true);
  });

  it('counts nothing from a trusted proxy, and nothing at all with a cap of 0', () => {
    const behind = setup(1, ['127.0.0.1']);
    for (let index = 0; index < 10; index++) assert.equal(behind.connect('127.0.0.1').destroyed, false);
    const off = setup(0);
    for (let index = 0; index < 10; index++) assert.equal(off.connect('10.0.0.1').destroyed, false);
  });

  it('stops counting once detached', () => {
    const { connect, detach } = setup(1);
    connect('10.0.0.1');
    detach();
    assert.equal(connect('10.0.0.1').destroyed, false);
  });
});
