import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QualityController, type PeerQuality, type QualityDeps } from '../../../../src/client/quality/controller.js';

/** What one fake call has been asked to do, and the stats it reports. */
interface FakeCall {
  connection: RTCPeerConnection;
  applied: RTCRtpSendParameters[];
  /** What the screen's sender (the second video of a call between Parley pages) was asked to do. */
  screenApplied: RTCRtpSendParameters[];
  audio: RTCRtpSendParameters[];
  /** Cumulative seconds the encoder has been bandwidth-limited (the stats report it). */
  bandwidthSeconds: number;
  availableBitrate: number;
  framesDecoded: number;
  audioPackets: number;
}

function fakeCall({ screen = false } = {}): FakeCall {
  const call: FakeCall = {
    connection: undefined as unknown as RTCPeerConnection,
    applied: [],
    screenApplied: [],
    audio: [],
    bandwidthSeconds: 0,
    availableBitrate: 2_000_000,
    framesDecoded: 0,
    audioPackets: 0,
  };
  const sender = (kind: 'audio' | 'video', log: RTCRtpSendParameters[]) => {
    let current: RTCRtpSendParameters = { encodings: [{ active: true }], transactionId: '1', codecs: [] } as never;
    return {
      track: { kind, contentHint: '', getSettings: () => ({ width: 640, height: 480 }) },
      getParameters: () => structuredClone(current),
      setParameters: async (parameters: RTCRtpSendParameters) => {
        current = structuredClone(parameters);
        log.push(current);
      },
    };
  };
  const senders = [sender('audio', call.audio), sender('video', call.applied)];
  if (screen) senders.push(sender('video', call.screenApplied));
  // m-lines as mesh/callMedia.ts negotiates them: audio, then the camera's video, then the screen's.
  const sdp = [
    'v=0',
    'm=audio 9 x',
    'a=mid:0',
    'm=video 9 x',
    'a=mid:1',
    ...(screen ? ['m=video 9 x', 'a=mid:2'] : []),
  ];
  call.connection = {
    connectionState: 'connected',
    localDescription: { sdp: sdp.join('\r\n') },
    getTransceivers: () => senders.map((sender, index) => ({ mid: String(index), sender })),
    getSenders: () => senders,
    getStats: async () => {
      const entries = [
        { id: 'IA', type: 'inbound-rtp', kind: 'audio', packetsReceived: call.audioPackets },
        { id: 'IV', type: 'inbound-rtp', kind: 'video', framesDecoded: call.framesDecoded },
        {
          id: 'OV',
          type: 'outbound-rtp',
          kind: 'video',
          qualityLimitationDurations: { bandwidth: call.bandwidthSeconds, cpu: 0 },
        },
        { id: 'T', type: 'transport', selectedCandidatePairId: 'P' },
        { id: 'P', type: 'candidate-pair', availableOutgoingBitrate: call.availableBitrate },
      ];
      return { forEach: (each: (entry: unknown) => void) => entries.forEach(each) };
    },
  } as unknown as RTCPeerConnection;
  return call;
}

function setup({ adaptive = true, sendsVideo = true, screen = false, presenting = false } = {}) {
  const clock = { now: 0 };
  const ada = fakeCall({ screen });
  const published: ReadonlyMap<string, PeerQuality>[] = [];
  const deps: QualityDeps = {
    connections: () => new Map([['ada', ada.connection]]),
    room: () => ({
      peers: 1,
      selfSpeaking: false,
      source: presenting ? 'screen' : 'camera',
      isPresent: () => true,
      sendsVideo: () => sendsVideo,
    }),
    shows: () => true,
    publish: (qualities) => published.push(qualities),
    adaptive,
    now: () => clock.now,
  };
  const controller = new QualityController(deps);
  /** Two seconds of a call: frames and audio arrive, the encoder is held back for `bandwidth` of it. */
  const tick = async ({ bandwidth = 0, frames = 30 } = {}) => {
    clock.now += 2000;
    ada.bandwidthSeconds += bandwidth;
    ada.framesDecoded += frames;
    ada.audioPackets += 100;
    await controller.sample();
    await settle();
  };
  return { controller, ada, published, tick };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const lastVideo = (call: FakeCall) => call.applied.at(-1)?.encodings[0];

describe('QualityController', () => {
  it('gives audio the highest priority and the camera its budget, without renegotiating', async () => {
    const { ada, tick } = setup();
    await tick();
    assert.equal(ada.audio.at(-1)?.encodings[0]?.priority, 'high');
    assert.equal(ada.audio.at(-1)?.encodings[0]?.networkPriority, 'high');
    assert.deepEqual(lastVideo(ada), {
      active: true,
      maxBitrate: 1_500_000,
      scaleResolutionDownBy: 1,
      maxFramerate: 30,
    });
    assert.equal(ada.applied.at(-1)?.degradationPreference, 'maintain-framerate');
    assert.equal(ada.audio.length, 1, 'audio is prioritised once per sender');
  });

  it('budgets a call that is still being set up the moment it connects, not before', async () => {
    const { controller, ada } = setup();
    const events = new EventTarget();
    const connection = ada.connection as unknown as { connectionState: string } & Record<string, unknown>;
    Object.assign(connection, {
      connectionState: 'connecting',
      addEventListener: events.addEventListener.bind(events),
      removeEventListener: events.removeEventListener.bind(events),
    });
    controller.viewChanged({ from: 'ada', width: 320, height: 240 });
    controller.viewChanged({ from: 'ada', width: 640, height: 480 });
    await settle();
    assert.equal(ada.applied.length + ada.audio.length, 0, 'nothing asked of the senders while connecting');
    connection.connectionState = 'connected';
    events.dispatchEvent(new Event('connectionstatechange'));
    await settle();
    assert.equal(ada.audio.at(-1)?.encodings[0]?.priority, 'high');
    assert.equal(lastVideo(ada)?.scaleResolutionDownBy, 1, 'the latest view: 640×480');
    events.dispatchEvent(new Event('connectionstatechange'));
    await settle();
    assert.equal(ada.applied.length, 1, 'budgeted once: the listener is gone');
  });

  it('stops the video to a receiver that hides our tile at once, and resumes it when shown', async () => {
    const { controller, ada, tick } = setup();
    await tick();
    controller.viewChanged({ from: 'ada', width: 0, height: 0 });
    await settle();
    assert.equal(lastVideo(ada)?.active, false);
    controller.viewChanged({ from: 'ada', width: 320, height: 240 });
    await settle();
    assert.equal(lastVideo(ada)?.active, true);
    assert.equal(lastVideo(ada)?.scaleResolutionDownBy, 2, 'to the size of the tile');
  });

  it('takes resolution down while the link holds the encoder back, and fits the estimate at once', async () => {
    const { ada, tick, published } = setup();
    await tick();
    ada.availableBitrate = 450_000;
    await tick({ bandwidth: 2 });
    const scale = lastVideo(ada)?.scaleResolutionDownBy ?? 1;
    assert.ok(scale >= 1.5, `scaled down to what 450 kbit/s carries (${scale})`);
    assert.ok((published.at(-1)?.get('ada')?.level ?? 0) >= 2);
  });

  it('comes back up once the link has been calm for a while', async () => {
    const { ada, tick } = setup();
    await tick();
    ada.availableBitrate = 450_000;
    for (let index = 0; index < 5; index++) await tick({ bandwidth: 2 });
    ada.availableBitrate = 3_000_000;
    for (let index = 0; index < 60; index++) await tick();
    assert.equal(lastVideo(ada)?.scaleResolutionDownBy, 1);
  });

  it('on a call with a video for the screen, budgets the camera as a camera and the screen as a screen', async () => {
    const { ada, tick } = setup({ screen: true, presenting: true });
    await tick();
    assert.equal(ada.applied.at(-1)?.degradationPreference, 'maintain-framerate', 'the camera keeps its frame rate');
    assert.equal(lastVideo(ada)?.maxBitrate, 1_500_000);
    assert.equal(ada.screenApplied.at(-1)?.degradationPreference, 'maintain-resolution', 'the screen stays sharp');
    assert.equal(ada.screenApplied.at(-1)?.encodings[0]?.maxBitrate, 2_500_000);
    assert.equal(ada.screenApplied.at(-1)?.encodings[0]?.maxFramerate, 15);
  });

  it('leaves the screen sender alone while not presenting, and budgets a one-video call by what it carries', async () => {
    const idle = setup({ screen: true });
    await idle.tick();
    assert.equal(idle.ada.screenApplied.length, 0);
    const single = setup({ presenting: true });
    await single.tick();
    assert.equal(
      single.ada.applied.at(-1)?.degradationPreference,
      'maintain-resolution',
      'its one video is the screen',
    );
  });

  it('applies nothing when adaptation is off, but still grades the call', async () => {
    const { ada, tick, published } = setup({ adaptive: false });
    await tick();
    await tick({ frames: 0 });
    assert.equal(ada.applied.length + ada.audio.length, 0);
    assert.equal(published.at(-1)?.get('ada')?.grade, 'poor', 'video expected, no frame arrived');
    assert.equal(published.at(-1)?.get('ada')?.videoPaused, true);
  });
});
