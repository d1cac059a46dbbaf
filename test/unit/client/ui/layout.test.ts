import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  aspectRange,
  fitGrid,
  gridRects,
  nearestCorner,
  pictureInPictureRects,
  spotlightRects,
  type Rect,
} from '../../../../src/client/ui/layout.js';

const fit = (count: number, width: number, height: number) =>
  fitGrid(count, width, height, aspectRange(width, height), 8);

describe('fitGrid', () => {
  it('gives one participant the whole height of a wide stage, at 16:9 at most', () => {
    const one = fit(1, 1264, 680);
    assert.deepEqual([one.columns, one.rows, one.tileWidth, one.tileHeight], [1, 1, 1208, 680]);
  });

  it('puts two side by side on a desktop and above each other on a phone', () => {
    assert.equal(fit(2, 1264, 680).columns, 2);
    const phone = fit(2, 382, 700);
    assert.deepEqual([phone.columns, phone.rows], [1, 2]);
    assert.ok(phone.tileWidth === 382 && phone.tileHeight === 346, 'phone tiles fill their cells');
  });

  it('uses tall tiles on a phone rather than leaving the screen empty', () => {
    const four = fit(4, 382, 700);
    assert.deepEqual([four.columns, four.rows], [2, 2]);
    assert.ok(four.tileHeight > four.tileWidth);
    assert.ok(four.tileHeight * 2 + 8 >= 0.9 * 700, 'at least 90% of the height is used');
  });

  it('keeps wide tiles on a desktop: 3 people make a 2 x 2 grid, not three tall strips', () => {
    const three = fit(3, 1264, 680);
    assert.deepEqual([three.columns, three.rows], [2, 2]);
    assert.ok(three.tileWidth / three.tileHeight >= 4 / 3 - 0.01);
  });

  it('keeps every tile inside the stage, with sane shapes, for 1 to 8 participants', () => {
    for (const [width, height] of [
      [1264, 680],
      [382, 700],
      [800, 800],
      [1920, 1000],
    ] as const) {
      const range = aspectRange(width, height);
      for (let count = 1; count <= 8; count++) {
        const grid = fit(count, width, height);
        assert.ok(grid.columns * grid.rows >= count);
        assert.ok(grid.tileWidth * grid.columns + 8 * (grid.columns - 1) <= width, `width overflow at ${count}`);
        assert.ok(grid.tileHeight * grid.rows + 8 * (grid.rows - 1) <= height, `height overflow at ${count}`);
        const aspect = grid.tileWidth / grid.tileHeight;
        assert.ok(aspect >= range.min - 0.02 && aspect <= range.max + 0.02, `aspect ${aspect} at ${count}`);
      }
    }
  });

  it('survives a stage that has not been measured yet', () => {
    assert.equal(fit(3, 0, 0).tileWidth, 0);
  });
});

const inside = (rect: Rect, width: number, height: number) =>
  rect.x >= 0 && rect.y >= 0 && rect.x + rect.width <= width + 0.5 && rect.y + rect.height <= height + 0.5;
const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('gridRects', () => {
  it('places every tile inside the stage, without overlaps, for 1 to 8 people on desktop and phone', () => {
    for (const [width, height] of [
      [1264, 680],
      [382, 700],
    ] as const) {
      for (let count = 1; count <= 8; count++) {
        const rects = gridRects(count, width, height, 8);
        assert.equal(rects.length, count);
        for (const [index, rect] of rects.entries()) {
          assert.ok(inside(rect, width, height), `${count} at ${width}x${height}: tile ${index} outside`);
          for (const other of rects.slice(index + 1)) assert.ok(!overlap(rect, other), `${count}: tiles overlap`);
        }
      }
    }
  });

  it('centres a short last row', () => {
    const [, , third] = gridRects(3, 1264, 680, 8);
    assert.ok(third);
    assert.ok(Math.abs(third.x + third.width / 2 - 632) <= 1, 'the third tile sits in the middle');
  });
});

describe('spotlightRects', () => {
  it('gives the featured tile most of a desktop stage and stacks the others on the right', () => {
    const rects = spotlightRects(4, 1264, 680, 8);
    const [main, ...strip] = rects;
    assert.ok(main && main.width * main.height > 0.7 * 1264 * 680);
    for (const rect of strip) {
      assert.ok(rect.x > main.width, 'strip tiles are right of the main tile');
      assert.ok(inside(rect, 1264, 680));
    }
  });

  it('puts the strip along the bottom of a phone, and shrinks it to fit eight', () => {
    const rects = spotlightRects(8, 382, 700, 8);
    const [main, ...strip] = rects;
    assert.ok(main && main.width === 382);
    for (const [index, rect] of strip.entries()) {
      assert.ok(rect.y >= main.height, 'strip tiles are below the main tile');
      assert.ok(inside(rect, 382, 700), `strip tile ${index} outside`);
      for (const other of strip.slice(index + 1)) assert.ok(!overlap(rect, other));
    }
  });

  it('shows one tile alone as the whole stage', () => {
    assert.deepEqual(spotlightRects(1, 800, 600, 8), [{ x: 0, y: 0, width: 800, height: 600 }]);
  });

  it("on a phone, fits a screen's shape and gives the rest of the height to the others, larger", () => {
    const [screen, ...others] = spotlightRects(3, 390, 660, 8, 16 / 9);
    assert.deepEqual(screen, { x: 0, y: 0, width: 390, height: 219 }, 'the screen whole, without bands');
    const plain = spotlightRects(3, 390, 660, 8).slice(1);
    for (const [index, rect] of others.entries()) {
      assert.ok(rect.y >= screen.height + 8, 'below the screen');
      assert.ok(inside(rect, 390, 660), `tile ${index} inside`);
      const before = plain[index];
      assert.ok(before && rect.width * rect.height > 1.5 * before.width * before.height, 'larger than in a strip');
      for (const other of others.slice(index + 1)) assert.ok(!overlap(rect, other));
    }
    const [tall] = spotlightRects(3, 390, 660, 8, 9 / 16);
    assert.ok(tall && tall.height <= 0.8 * 660, 'a portrait screen leaves the others room');
    assert.deepEqual(spotlightRects(4, 1264, 680, 8, 16 / 9), spotlightRects(4, 1264, 680, 8), 'a desktop as before');
  });
});

describe('picture in picture (two people)', () => {
  it('gives the other the whole stage and oneself a small view in the chosen corner', () => {
    const [other, self] = pictureInPictureRects(1264, 680, 8, 'bottom-right');
    assert.deepEqual(other, { x: 0, y: 0, width: 1264, height: 680 });
    assert.ok(self.width <= 280 && self.width >= 140, `${self.width}`);
    assert.ok(self.width * self.height < (1264 * 680) / 10, 'small: under a tenth of the stage');
    assert.equal(self.x + self.width, 1264 - 16);
    assert.equal(self.y + self.height, 680 - 16);
    const [, topLeft] = pictureInPictureRects(1264, 680, 8, 'top-left');
    assert.deepEqual([topLeft.x, topLeft.y], [16, 16]);
  });

  it('keeps one’s own view a small portrait thumbnail on a phone', () => {
    const [, self] = pictureInPictureRects(382, 640, 8, 'bottom-right');
    assert.ok(self.height > self.width, 'portrait');
    assert.ok(self.width <= 120 && self.width * self.height < (382 * 640) / 12, `${self.width}x${self.height}`);
  });

  it('settles a dragged view in the nearest corner', () => {
    assert.equal(nearestCorner(10, 10, 1000, 600), 'top-left');
    assert.equal(nearestCorner(990, 10, 1000, 600), 'top-right');
    assert.equal(nearestCorner(10, 590, 1000, 600), 'bottom-left');
    assert.equal(nearestCorner(600, 400, 1000, 600), 'bottom-right');
  });
});
