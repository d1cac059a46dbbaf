export interface GridFit {
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
}

/**
 * The grid that makes `count` tiles of the given aspect ratio as large as possible inside width x height,
 * with `gap` pixels between tiles.
 */
export function fitGrid(count: number, width: number, height: number, aspect: number, gap: number): GridFit {
  const n = Math.max(1, count);
  let best: GridFit = { columns: 1, rows: n, tileWidth: 0, tileHeight: 0 };
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns);
    const cellWidth = (width - gap * (columns - 1)) / columns;
    const cellHeight = (height - gap * (rows - 1)) / rows;
    const tileWidth = Math.max(0, Math.min(cellWidth, cellHeight * aspect));
    if (tileWidth > best.tileWidth) best = { columns, rows, tileWidth, tileHeight: tileWidth / aspect };
  }
  return { ...best, tileWidth: Math.floor(best.tileWidth), tileHeight: Math.floor(best.tileHeight) };
}

/** Landscape stages get 16:9 tiles; portrait stages (phones) get taller 3:4 tiles. */
export function tileAspect(width: number, height: number, count: number): number {
  return height > width && count > 1 ? 3 / 4 : 16 / 9;
}
