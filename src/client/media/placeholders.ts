import { sharedAudioContext } from './audioContext.js';

/**
 * Stand-in tracks for a participant without a camera or microphone. Every call always carries one audio
 * and one video sender, so a real device can later replace the stand-in with `replaceTrack`, without
 * renegotiating.
 */
export function blankVideoTrack(width = 320, height = 240): MediaStreamTrack {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (context) {
    context.fillStyle = '#000';
    context.fillRect(0, 0, width, height);
  }
  const [track] = canvas.captureStream(1).getVideoTracks();
  if (!track) throw new Error('canvas capture produced no video track');
  return track;
}

export function silentAudioTrack(): MediaStreamTrack {
  const destination = sharedAudioContext().createMediaStreamDestination();
  const [track] = destination.stream.getAudioTracks();
  if (!track) throw new Error('audio destination produced no track');
  return track;
}
