import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** No new frame for this long while video is expected: the tile shows the person's initial instead. */
const stallMs = 2500;
const checkMs = 500;

/**
 * Whether a video that should be moving has stopped: its sender paused it, its network stalled, or its
 * frames stopped arriving for any reason. A frozen last frame (or a black box) would say nothing; the tile
 * says "Video paused" over the person's initial until frames move again. Frames are counted with
 * `getVideoPlaybackQuality`, which goes on counting while the video is covered.
 */
export function useVideoStall(videoRef: RefObject<HTMLVideoElement>, expected: boolean): boolean {
  const [stalled, setStalled] = useState(false);
  useEffect(() => {
    const element = videoRef.current;
    if (!expected || !element) {
      setStalled(false);
      return;
    }
    let frames = -1;
    let movedAt = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      const count = element.getVideoPlaybackQuality().totalVideoFrames;
      if (count !== frames) {
        frames = count;
        movedAt = now;
      }
      // Before the first frame the call is still being set up, which the tile's link status says.
      setStalled(count > 0 && now - movedAt > stallMs);
    }, checkMs);
    return () => clearInterval(timer);
  }, [videoRef, expected]);
  return stalled;
}
