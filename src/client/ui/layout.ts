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

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
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

/** Every tile of the grid placed: rows centred in the stage, a short last row centred too. */
export function gridRects(count: number, width: number, height: number, gap: number): Rect[] {
  const fit = fitGrid(count, width, height, aspectRange(width, height), gap);
  const rects: Rect[] = [];
  const top = (height - (fit.rows * fit.tileHeight + (fit.rows - 1) * gap)) / 2;
  for (let index = 0; index < count; index++) {
    const row = Math.floor(index / fit.columns);
    const inRow = Math.min(fit.columns, count - row * fit.columns);
    const left = (width - (inRow * fit.tileWidth + (inRow - 1) * gap)) / 2;
    const column = index % fit.columns;
    rects.push({
      x: Math.round(left + column * (fit.tileWidth + gap)),
      y: Math.round(top + row * (fit.tileHeight + gap)),
      width: fit.tileWidth,
      height: fit.tileHeight,
    });
  }
  return rects;
}

/**
 * One tile large (a screen, a pinned or speaking participant) and the rest in a strip: on the right of a
 * landscape stage, along the bottom of a portrait one. The first rect is the large one.
 *
 * `mainAspect` is the shape of what the large place shows whole (a shared screen, never cropped). On a
 * portrait stage (a phone) the large place is then only as tall as that shape needs, and the others share
 * the rest of the height in a grid, instead of black bands above and below the screen and a thin strip.
 */
export function spotlightRects(count: number, width: number, height: number, gap: number, mainAspect?: number): Rect[] {
  if (count <= 1) return [{ x: 0, y: 0, width, height }];
  const others = count - 1;
  const rects: Rect[] = [];
  if (width < height && mainAspect !== undefined && mainAspect > 0) {
    // The others keep at least a fifth of the height (a portrait screen shared would otherwise take it all).
    const mainHeight = Math.round(Math.min(width / mainAspect, height * 0.8 - gap));
    rects.push({ x: 0, y: 0, width, height: mainHeight });
    const restTop = mainHeight + gap;
    for (const rect of gridRects(others, width, height - restTop, gap)) rects.push({ ...rect, y: rect.y + restTop });
    return rects;
  }
  if (width >= height) {
    const stripWidth = Math.round(Math.min(240, Math.max(120, width * 0.2)));
    const tileHeight = Math.min(Math.round((stripWidth * 9) / 16), (height - gap * (others - 1)) / others);
    const tileWidth = Math.min(stripWidth, Math.round((tileHeight * 16) / 9));
    const top = (height - (others * tileHeight + (others - 1) * gap)) / 2;
    rects.push({ x: 0, y: 0, width: width - stripWidth - gap, height });
    for (let index = 0; index < others; index++) {
      rects.push({
        x: width - stripWidth + (stripWidth - tileWidth) / 2,
        y: Math.round(top + index * (tileHeight + gap)),
        width: tileWidth,
        height: Math.floor(tileHeight),
      });
    }
  } else {
    const stripHeight = Math.round(Math.min(160, Math.max(90, height * 0.18)));
    const tileWidth = Math.min(Math.round((stripHeight * 4) / 3), (width - gap * (others - 1)) / others);
    const tileHeight = Math.min(stripHeight, Math.round((tileWidth * 3) / 4));
    const left = (width - (others * tileWidth + (others - 1) * gap)) / 2;
    rects.push({ x: 0, y: 0, width, height: height - stripHeight - gap });
    for (let index = 0; index < others; index++) {
      rects.push({
        x: Math.round(left + index * (tileWidth + gap)),
        y: height - stripHeight + (stripHeight - tileHeight) / 2,
        width: Math.floor(tileWidth),
        height: tileHeight,
      });
    }
  }
  return rects;
}

export type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

/**
 * Two people: the other fills the stage, one's own view is small in a corner (picture in picture), as in
 * Meet. Returns [the other's rect, one's own]. On a phone one's own view is a portrait thumbnail.
 */
export function pictureInPictureRects(width: number, height: number, gap: number, corner: Corner): [Rect, Rect] {
  const portrait = height > width;
  const smallWidth = Math.round(Math.min(portrait ? 120 : 280, Math.max(portrait ? 90 : 140, width * 0.22)));
  const smallHeight = Math.round(portrait ? (smallWidth * 4) / 3 : (smallWidth * 9) / 16);
  const margin = gap * 2;
  const x = corner.endsWith('left') ? margin : width - smallWidth - margin;
  const y = corner.startsWith('top') ? margin : height - smallHeight - margin;
  return [
    { x: 0, y: 0, width, height },
    { x: Math.round(x), y: Math.round(y), width: smallWidth, height: smallHeight },
  ];
}

/** The corner nearest to a point of the stage (where a dragged thumbnail settles). */
export function nearestCorner(x: number, y: number, width: number, height: number): Corner {
  return `${y < height / 2 ? 'top' : 'bottom'}-${x < width / 2 ? 'left' : 'right'}`;
}
