import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aspectRange, fitGrid } from '../../src/client/ui/layout.js';

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
