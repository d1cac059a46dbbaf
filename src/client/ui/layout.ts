export interface GridFit {
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
}

export interface AspectRange {
  /** The tallest tile allowed (width / height). */
  min: number;
  /** The widest tile allowed. */
  max: number;
}

/** Landscape stages get wide tiles; portrait stages (phones) may use tall ones to fill the screen. */
export function aspectRange(width: number, height: number): AspectRange {
  return height > width ? { min: 9 / 16, max: 4 / 3 } : { min: 4 / 3, max: 16 / 9 };
}

/**
 * The grid that gives `count` tiles the largest area inside width x height, with `gap` pixels between
 * tiles. A tile takes the shape of its cell, within the allowed aspect range; videos cover their tile.
 */
export function fitGrid(count: number, width: number, height: number, range: AspectRange, gap: number): GridFit {
  const n = Math.max(1, count);
  let best: GridFit = { columns: 1, rows: n, tileWidth: 0, tileHeight: 0 };
  let bestArea = -1;
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns);
    const cellWidth = Math.max(0, (width - gap * (columns - 1)) / columns);
    const cellHeight = Math.max(0, (height - gap * (rows - 1)) / rows);
    // Shrink whichever side makes the cell too wide or too tall.
    const tileWidth = Math.min(cellWidth, cellHeight * range.max);
    const tileHeight = Math.min(cellHeight, tileWidth / range.min);
    const area = tileWidth * tileHeight;
    if (area > bestArea) {
      bestArea = area;
      best = { columns, rows, tileWidth: Math.floor(tileWidth), tileHeight: Math.floor(tileHeight) };
    }
  }
  return best;
}
