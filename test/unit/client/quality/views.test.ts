import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adaptiveQualityEnabled } from '../../../../src/client/quality/settings.js';
import { viewChanged, viewOf, type TileView } from '../../../../src/client/quality/views.js';

const tile = (change: Partial<TileView> = {}): TileView => ({
  rect: { x: 10, y: 10, width: 320, height: 180 },
  viewport: { width: 1280, height: 800 },
  devicePixelRatio: 2,
  pageVisible: true,
  otherFullscreen: false,
  heldBack: false,
  ...change,
});

describe('viewOf: what a receiver reports of one tile', () => {
  it('is the tile in device pixels', () => {
    assert.deepEqual(viewOf(tile()), { width: 640, height: 360 });
  });

  it('is 0×0 when the page is in the background, another tile is full screen, or low bandwidth holds it back', () => {
    const hidden = { width: 0, height: 0 };
    assert.deepEqual(viewOf(tile({ pageVisible: false })), hidden);
    assert.deepEqual(viewOf(tile({ otherFullscreen: true })), hidden);
    assert.deepEqual(viewOf(tile({ heldBack: true })), hidden);
  });

  it('is 0×0 for a tile scrolled out of sight or of no size, and nothing for a tile not drawn yet', () => {
    assert.deepEqual(viewOf(tile({ rect: { x: 0, y: 900, width: 320, height: 180 } })), { width: 0, height: 0 });
    assert.deepEqual(viewOf(tile({ rect: { x: -400, y: 0, width: 320, height: 180 } })), { width: 0, height: 0 });
    assert.deepEqual(viewOf(tile({ rect: { x: 0, y: 0, width: 0, height: 0 } })), { width: 0, height: 0 });
    assert.equal(viewOf(tile({ rect: undefined })), undefined);
  });
});

describe('viewChanged: only changes worth a message are sent', () => {
  it('sends the first view, and every change between shown and hidden', () => {
    assert.equal(viewChanged(undefined, { width: 0, height: 0 }), true);
    assert.equal(viewChanged({ width: 640, height: 360 }, { width: 0, height: 0 }), true);
    assert.equal(viewChanged({ width: 0, height: 0 }, { width: 640, height: 360 }), true);
    assert.equal(viewChanged({ width: 0, height: 0 }, { width: 0, height: 0 }), false);
  });

  it('ignores a resize by less than a fifth, and sends a larger one', () => {
    assert.equal(viewChanged({ width: 640, height: 360 }, { width: 600, height: 340 }), false);
    assert.equal(viewChanged({ width: 640, height: 360 }, { width: 400, height: 360 }), true);
    assert.equal(viewChanged({ width: 400, height: 300 }, { width: 400, height: 400 }), true);
  });
});

describe('adaptiveQualityEnabled', () => {
  it('is on unless the address turns it off (storage is read otherwise)', () => {
    assert.equal(adaptiveQualityEnabled(''), true);
    assert.equal(adaptiveQualityEnabled('?quality=off'), false);
    assert.equal(adaptiveQualityEnabled('?x=1&quality=on'), true);
  });
});
