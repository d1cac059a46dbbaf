import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { gridRects, spotlightRects } from './layout.js';

const gap = 8;

export interface StageItem {
  key: string;
  node: ComponentChildren;
}

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

  const spotlight = featured !== undefined && items.some((item) => item.key === featured);
  const rects = spotlight
    ? spotlightRects(items.length, size.width, size.height, gap)
    : gridRects(items.length, size.width, size.height, gap);
  // In a spotlight the featured tile takes the large place (the first rect), the others follow in order.
  const placeOrder = spotlight ? [featured, ...items.map((item) => item.key).filter((key) => key !== featured)] : [];
  return (
    <div ref={ref} class={`stage${spotlight ? ' stage--spotlight' : ''}`}>
      {items.map((item, index) => {
        const rect = rects[spotlight ? placeOrder.indexOf(item.key) : index];
        const isMain = spotlight && item.key === featured;
        return (
          <div
            key={item.key}
            class={`stage__cell${isMain ? ' stage__cell--main' : ''}`}
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
