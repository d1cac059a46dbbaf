import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  callTracks,
  dualCallMetadata,
  shapeOfAnswer,
  shapeOfOffer,
  videoFor,
  videoMids,
  type OutgoingMedia,
} from '../../../../src/client/mesh/callMedia.js';

const track = (name: string) => ({ name }) as unknown as MediaStreamTrack;
const [audio, camera, screen, slot] = ['audio', 'camera', 'screen', 'slot'].map(track) as [
  MediaStreamTrack,
  MediaStreamTrack,
  MediaStreamTrack,
  MediaStreamTrack,
];

describe('call media', () => {
  it('answers dual only a call that says its video m-lines are the camera then the screen', () => {
    assert.equal(shapeOfOffer(dualCallMetadata), 'dual');
    assert.equal(shapeOfOffer(JSON.parse(JSON.stringify(dualCallMetadata))), 'dual', 'as it comes off the wire');
    assert.equal(shapeOfOffer({ ...dualCallMetadata, later: 1 }), 'dual', 'what a later version adds is ignored');
    const hostile = [
      undefined,
      null,
      {},
      'dual',
      ['camera', 'screen'],
      { video: ['screen', 'camera'] },
      { video: ['camera'] },
      { video: ['camera', 'screen', 'camera'] },
      { video: 'camera,screen' },
      { video: { 0: 'camera', 1: 'screen', length: 2 } },
    ];
    for (const metadata of hostile) {
      assert.equal(shapeOfOffer(metadata), 'single', JSON.stringify(metadata));
    }
  });

  it('tells from the answer whether the other side took the screen m-line', () => {
    assert.equal(shapeOfAnswer('sendrecv'), 'dual');
    assert.equal(shapeOfAnswer('recvonly'), 'dual');
    assert.equal(shapeOfAnswer('sendonly'), 'single', 'a seed client answers it recvonly');
    assert.equal(shapeOfAnswer('inactive'), 'single');
    assert.equal(shapeOfAnswer(null), 'single');
  });

  it('sends the camera and the screen apart on a dual call, the screen instead of the camera on a single one', () => {
    assert.deepEqual(videoFor('dual', { camera, screen }), { camera, screen });
    assert.deepEqual(videoFor('dual', { camera, screen: null }), { camera, screen: null });
    assert.deepEqual(videoFor('single', { camera, screen }), { camera: screen, screen: null });
    assert.deepEqual(videoFor('single', { camera, screen: null }), { camera, screen: null });
  });

  it('places and answers calls with the tracks in m-line order, a slot opening the screen m-line when idle', () => {
    const idle: OutgoingMedia = { audio, camera, screen: null };
    const sharing: OutgoingMedia = { audio, camera, screen };
    assert.deepEqual(callTracks('dual', idle, slot), [audio, camera, slot]);
    assert.deepEqual(callTracks('dual', sharing, slot), [audio, camera, screen]);
    assert.deepEqual(callTracks('single', idle, slot), [audio, camera]);
    assert.deepEqual(callTracks('single', sharing, slot), [audio, screen]);
  });

  it('reads the video m-sections of a description in order, skipping audio and data', () => {
    const sdp = [
      'v=0',
      'o=- 1 2 IN IP4 127.0.0.1',
      's=-',
      'a=group:BUNDLE 0 1 2 3',
      'm=audio 9 UDP/TLS/RTP/SAVPF 111',
      'a=mid:0',
      'm=video 9 UDP/TLS/RTP/SAVPF 96',
      'a=sendrecv',
      'a=mid:1',
      'm=video 9 UDP/TLS/RTP/SAVPF 96',
      'a=mid:2',
      'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
      'a=mid:3',
      '',
    ].join('\r\n');
    assert.deepEqual(videoMids(sdp), ['1', '2']);
    assert.deepEqual(videoMids(''), []);
  });
});
