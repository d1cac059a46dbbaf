import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import type { PeerQuality } from '../../quality/controller.js';
import { QualityStats } from './QualityStats.js';

const gradeLabel = { good: 'quality.good', poor: 'quality.poor', lost: 'quality.lost' } as const;

/** Three bars, filled by grade: good all three, poor one, lost none. */
function Bars({ filled }: { filled: number }) {
  return (
    <svg viewBox="0 0 12 12" width="14" height="14" aria-hidden="true" focusable="false">
      {[0, 1, 2].map((index) => (
        <rect
          key={index}
          x={index * 4 + 0.5}
          y={8 - index * 3}
          width="3"
          height={4 + index * 3}
          rx="0.5"
          class={index < filled ? 'tile-quality__bar--on' : 'tile-quality__bar'}
        />
      ))}
    </svg>
  );
}

/**
 * On a remote tile: the call's grade as bars, a button that opens the call's numbers. A video that stopped
 * arriving (paused by its sender, or held back here in low-bandwidth mode) is covered by the tile itself.
 */
export function TileQuality({ name, quality }: { name: string; quality: PeerQuality | undefined }) {
  const [open, setOpen] = useState(false);
  if (!quality) return null;
  const { grade } = quality;
  const label = t(gradeLabel[grade]);
  return (
    <>
      <button
        type="button"
        class={`tile-quality tile-quality--${grade}`}
        data-quality={grade}
        data-reasons={quality.reasons.join(' ')}
        aria-label={`${label}. ${t('quality.details', { name })}`}
        aria-expanded={open}
        title={label}
        onClick={() => setOpen((shown) => !shown)}
      >
        <Bars filled={grade === 'good' ? 3 : grade === 'poor' ? 1 : 0} />
      </button>
      {open && <QualityStats quality={quality} onClose={() => setOpen(false)} />}
    </>
  );
}
