import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { aspectRange, fitGrid } from './layout.js';

const gap = 8;

/** The video grid: fills the space it has and re-flows tiles to keep them as large as possible. */
export function Stage({ count, children }: { count: number; children: ComponentChildren }) {
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

  const fit = fitGrid(count, size.width, size.height, aspectRange(size.width, size.height), gap);
  return (
    <div
      ref={ref}
      class="stage"
      data-columns={fit.columns}
      style={{ '--tile-width': `${fit.tileWidth}px`, '--tile-height': `${fit.tileHeight}px`, '--gap': `${gap}px` }}
    >
      {children}
    </div>
  );
}
