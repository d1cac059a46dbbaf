import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitGrid, tileAspect } from '../../src/client/ui/layout.js';

describe('fitGrid', () => {
  it('gives one participant the whole stage width when the stage is wide', () => {
    const fit = fitGrid(1, 1280, 720, 16 / 9, 8);
    assert.deepEqual([fit.columns, fit.rows, fit.tileWidth, fit.tileHeight], [1, 1, 1280, 720]);
  });

  it('puts two side by side on a desktop and above each other on a phone', () => {
    assert.equal(fitGrid(2, 1264, 640, 16 / 9, 8).columns, 2);
    assert.equal(fitGrid(2, 382, 700, 3 / 4, 8).columns, 1);
  });

  it('keeps every tile inside the stage for 1 to 8 participants', () => {
    for (const [width, height] of [
      [1264, 640],
      [382, 700],
      [800, 800],
    ] as const) {
      for (let count = 1; count <= 8; count++) {
        const aspect = tileAspect(width, height, count);
        const fit = fitGrid(count, width, height, aspect, 8);
        assert.ok(fit.columns * fit.rows >= count);
        assert.ok(fit.tileWidth * fit.columns + 8 * (fit.columns - 1) <= width, `width overflow at ${count}`);
        assert.ok(fit.tileHeight * fit.rows + 8 * (fit.rows - 1) <= height, `height overflow at ${count}`);
        assert.ok(fit.tileWidth > 0);
      }
    }
  });

  it('chooses the largest tiles: 4 on a 16:9 stage is 2 x 2, 8 is 3 x 3 (370 px tiles beat 310 px for 4 x 2)', () => {
    assert.deepEqual([fitGrid(4, 1264, 640, 16 / 9, 8).columns, fitGrid(4, 1264, 640, 16 / 9, 8).rows], [2, 2]);
    assert.equal(fitGrid(8, 1264, 640, 16 / 9, 8).columns, 3);
  });

  it('survives a stage that has not been measured yet', () => {
    const fit = fitGrid(3, 0, 0, 16 / 9, 8);
    assert.equal(fit.tileWidth, 0);
  });
});
