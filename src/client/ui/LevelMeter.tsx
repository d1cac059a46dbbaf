import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { TrackLevel } from '../media/levels.js';

/** A bar that moves with the microphone's loudness, so people can see they are heard before joining. */
export function LevelMeter({ track, enabled }: { track: MediaStreamTrack | null; enabled: boolean }) {
  const barRef = useRef<HTMLDivElement>(null);
  const meterRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!track || !enabled) {
      barRef.current?.style.setProperty('--level', '0');
      return;
    }
    const level = new TrackLevel(track);
    let frame = 0;
    let lastAnnounced = -1;
    const draw = () => {
      // Speech sits around 0.01 to 0.3 (linear); a square root spreads it over the bar.
      const value = Math.min(1, Math.sqrt(level.read()) * 1.6);
      barRef.current?.style.setProperty('--level', value.toFixed(3));
      const percent = Math.round(value * 10) * 10;
      if (percent !== lastAnnounced && meterRef.current) {
        lastAnnounced = percent;
        meterRef.current.setAttribute('aria-valuenow', String(percent));
      }
      frame = requestAnimationFrame(draw);
    };
    frame = requestAnimationFrame(draw);
    return () => {
      cancelAnimationFrame(frame);
      level.close();
    };
  }, [track, enabled]);

  return (
    <div
      ref={meterRef}
      class="level-meter"
      role="meter"
      aria-label={t('meter.label')}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={0}
    >
      <div ref={barRef} class="level-meter__bar" />
    </div>
  );
}
