import { phrase, type Phrase } from '../i18n/index.js';

/**
 * Asks the browser for a screen, window or tab to share: its video track, or why there is none (the person
 * cancelled the picker, the browser refused or cannot).
 */
export async function captureScreen(): Promise<{ track: MediaStreamTrack } | { problem: Phrase }> {
  if (!navigator.mediaDevices?.getDisplayMedia) return { problem: phrase('screen.unsupported') };
  try {
    const capture = await navigator.mediaDevices.getDisplayMedia({
      video: { frameRate: { ideal: 15, max: 30 } },
      audio: false,
    });
    const [track] = capture.getVideoTracks();
    if (!track) return { problem: phrase('screen.none') };
    // Text and lines stay sharp; the encoder drops frames rather than resolution.
    track.contentHint = 'detail';
    return { track };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return { problem: phrase(name === 'NotAllowedError' ? 'screen.cancelled' : 'screen.failed') };
  }
}
