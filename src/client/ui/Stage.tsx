import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { gridRects, nearestCorner, pictureInPictureRects, spotlightRects, type Corner, type Rect } from './layout.js';

const gap = 8;
/** The key of one's own tile among the items. */
const selfKey = 'self';

export interface StageItem {
  key: string;
  node: ComponentChildren;
  /**
   * Shown whole, never cropped (a shared screen): when large on a phone, its place takes the shape of its
   * video (16:9 until the video says otherwise).
   */
  whole?: boolean;
}

/** A screen's shape until its video says otherwise. */
const assumedAspect = 16 / 9;

/**
 * The tiles, placed to use the whole stage: a grid for everyone, or the `featured` one large and the others
 * in a strip. Tiles stay in the same order in the page whatever the layout, so no video element is moved
 * (and none restarts); only their positions change.
 */
export function Stage({ items, featured }: { items: StageItem[]; featured: string | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // The shape of each item's video, as its frames say (`resize` fires on a video whose frame size changes).
  const [aspects, setAspects] = useState<Record<string, number>>({});
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const onResize = (event: Event) => {
      const video = event.target;
      if (!(video instanceof HTMLVideoElement) || !video.videoWidth || !video.videoHeight) return;
      const key = video.closest<HTMLElement>('[data-stage-key]')?.dataset.stageKey;
      const aspect = Math.round((video.videoWidth / video.videoHeight) * 1000) / 1000;
      if (key) setAspects((known) => (known[key] === aspect ? known : { ...known, [key]: aspect }));
    };
    // Media events do not bubble: listen as they go down.
    element.addEventListener('resize', onResize, true);
    return () => element.removeEventListener('resize', onResize, true);
  }, []);

  const [corner, setCorner] = useState<Corner>('bottom-right');
  const drag = useRef<{ x: number; y: number; moved: boolean } | undefined>(undefined);

  // Two people, one's own view not pinned: the other fills the stage, oneself small in a corner.
  const other = items.find((item) => item.key !== selfKey)?.key;
  const pictureInPicture = items.length === 2 && items.some((item) => item.key === selfKey) && featured !== selfKey;
  const spotlight = !pictureInPicture && featured !== undefined && items.some((item) => item.key === featured);
  let place: (key: string, index: number) => Rect | undefined;
  if (pictureInPicture) {
    const [large, small] = pictureInPictureRects(size.width, size.height, gap, corner);
    place = (key) => (key === selfKey ? small : large);
  } else if (spotlight) {
    // The featured tile takes the large place (the first rect), the others follow in order.
    const whole = items.find((item) => item.key === featured)?.whole;
    const aspect = whole ? (aspects[featured] ?? assumedAspect) : undefined;
    const rects = spotlightRects(items.length, size.width, size.height, gap, aspect);
    const order = [featured, ...items.map((item) => item.key).filter((key) => key !== featured)];
    place = (key) => rects[order.indexOf(key)];
  } else {
    const rects = gridRects(items.length, size.width, size.height, gap);
    place = (_key, index) => rects[index];
  }
  const main = pictureInPicture ? other : spotlight ? featured : undefined;

  /** One's own view in picture in picture can be dragged; it settles in the nearest corner. */
  const dragHandlers = {
    onPointerDown: (event: PointerEvent) => {
      if (event.target instanceof Element && event.target.closest('button')) return;
      drag.current = { x: event.clientX, y: event.clientY, moved: false };
      (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    },
    onPointerMove: (event: PointerEvent) => {
      const start = drag.current;
      if (!start) return;
      if (Math.hypot(event.clientX - start.x, event.clientY - start.y) > 8) start.moved = true;
    },
    onPointerUp: (event: PointerEvent) => {
      const start = drag.current;
      drag.current = undefined;
      const stage = ref.current?.getBoundingClientRect();
      if (!start?.moved || !stage) return;
      setCorner(nearestCorner(event.clientX - stage.left, event.clientY - stage.top, stage.width, stage.height));
    },
  };

  return (
    <div ref={ref} class={`stage${spotlight ? ' stage--spotlight' : ''}${pictureInPicture ? ' stage--pip' : ''}`}>
      {items.map((item, index) => {
        const rect = place(item.key, index);
        const isMain = item.key === main;
        const isPip = pictureInPicture && item.key === selfKey;
        return (
          <div
            key={item.key}
            data-stage-key={item.key}
            class={`stage__cell${isMain ? ' stage__cell--main' : ''}${isPip ? ' stage__cell--pip' : ''}`}
            {...(isPip ? dragHandlers : {})}
            style={
              rect
                ? { left: `${rect.x}px`, top: `${rect.y}px`, width: `${rect.width}px`, height: `${rect.height}px` }
                : undefined
            }
          >
            {item.node}
          </div>
        );
      })}
    </div>
  );
}
