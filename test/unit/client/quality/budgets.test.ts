import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  budgetFor,
  levelForBandwidth,
  lowestVideoLevel,
  pauseLevel,
  presentationOf,
  sameEncoding,
  type BudgetInput,
} from '../../../../src/client/quality/budgets.js';

const camera = (change: Partial<BudgetInput> = {}): BudgetInput => ({
  peers: 1,
  source: 'camera',
  view: undefined,
  speaking: false,
  level: 0,
  frame: { width: 640, height: 480 },
  ...change,
});
const screen = (change: Partial<BudgetInput> = {}): BudgetInput =>
  camera({ source: 'screen', frame: { width: 1280, height: 720 }, ...change });

describe('presentationOf', () => {
  it('reads the size the receiver reported: nothing said is large, 0×0 is hidden, a small tile a thumbnail', () => {
    assert.equal(presentationOf(undefined), 'large');
    assert.equal(presentationOf({ width: 0, height: 0 }), 'hidden');
    assert.equal(presentationOf({ width: 320, height: 0 }), 'hidden');
    assert.equal(presentationOf({ width: 320, height: 180 }), 'thumbnail');
    assert.equal(presentationOf({ width: 636, height: 392 }), 'large');
  });
});

describe('budgetFor: the room and the receiver', () => {
  it('gives each peer less as the room grows, and never below a floor', () => {
    const bitrates = [1, 2, 3, 5, 7].map((peers) => budgetFor(camera({ peers })).maxBitrate);
    assert.equal(bitrates[0], 1_500_000);
    for (let index = 1; index < bitrates.length; index++)
      assert.ok((bitrates[index] ?? 0) < (bitrates[index - 1] ?? 0), `falls: ${bitrates.join(', ')}`);
    assert.ok(budgetFor(camera({ peers: 49 })).maxBitrate >= 250_000);
  });

  it('sends a thumbnail smaller, cheaper and at 15 fps; a large tile at full rate', () => {
    const large = budgetFor(camera({ peers: 3, view: { width: 640, height: 480 } }));
    const thumbnail = budgetFor(camera({ peers: 3, view: { width: 200, height: 150 } }));
    assert.deepEqual(
      [large.active, large.scaleResolutionDownBy, large.maxFramerate],
      [true, 1, 30],
      'a 640×480 tile gets the whole 640×480 frame',
    );
    assert.ok(thumbnail.maxBitrate < large.maxBitrate / 2);
    assert.equal(thumbnail.scaleResolutionDownBy, 3.2, '640×480 down to 200×150');
    assert.equal(thumbnail.maxFramerate, 15);
  });

  it('scales to what still covers the tile: the smaller of the two ratios', () => {
    // A wide tile 400×200 shows a 4:3 frame cropped: it needs 400 px of width, so 640/400.
    assert.equal(budgetFor(camera({ view: { width: 400, height: 200 } })).scaleResolutionDownBy, 1.6);
    assert.equal(budgetFor(camera({ view: { width: 1920, height: 1080 } })).scaleResolutionDownBy, 1, 'never up');
  });

  it('assumes a grid tile when the receiver has not said, smaller for bigger rooms', () => {
    assert.equal(budgetFor(camera({ peers: 1 })).scaleResolutionDownBy, 1);
    assert.equal(budgetFor(camera({ peers: 3 })).scaleResolutionDownBy, 1.2);
    assert.ok(budgetFor(camera({ peers: 6 })).scaleResolutionDownBy > 1.7);
  });

  it('gives the active speaker more bitrate and sharpness, and the full frame rate even as a thumbnail', () => {
    const view = { width: 200, height: 150 };
    const quiet = budgetFor(camera({ peers: 5, view }));
    const speaking = budgetFor(camera({ peers: 5, view, speaking: true }));
    assert.ok(speaking.maxBitrate > quiet.maxBitrate);
    assert.ok(speaking.scaleResolutionDownBy < quiet.scaleResolutionDownBy);
    assert.equal(speaking.maxFramerate, 30);
    assert.ok(budgetFor(camera({ speaking: true })).maxBitrate <= 1_500_000, 'the boost has a cap');
  });

  it('sends nothing to a receiver that shows no video of us, whatever else holds', () => {
    const hidden = { width: 0, height: 0 };
    assert.equal(budgetFor(camera({ view: hidden })).active, false);
    assert.equal(budgetFor(camera({ view: hidden, speaking: true })).active, false);
    assert.equal(budgetFor(screen({ view: hidden })).active, false);
  });
});

describe('budgetFor: under pressure', () => {
  const levels = (input: BudgetInput) =>
    Array.from({ length: pauseLevel + 1 }, (_, level) => budgetFor({ ...input, level }));

  it('a camera gives up resolution first, then frame rate, then pauses', () => {
    const steps = levels(camera({ view: { width: 640, height: 480 } }));
    assert.deepEqual(
      steps.map((step) => [step.scaleResolutionDownBy, step.maxFramerate, step.active]),
      [
        [1, 30, true],
        [1.5, 30, true],
        [2, 30, true],
        [2, 15, true],
        [2, 8, true],
        [2, 8, false],
      ],
    );
    for (let level = 1; level < steps.length; level++)
      assert.ok((steps[level]?.maxBitrate ?? 0) <= (steps[level - 1]?.maxBitrate ?? 0), 'bitrate never rises');
  });

  it('a screen keeps its resolution and gives up frame rate, then pauses', () => {
    const steps = levels(screen());
    assert.ok(steps.every((step) => step.scaleResolutionDownBy === 1));
    assert.deepEqual(
      steps.map((step) => step.maxFramerate),
      [15, 8, 5, 3, 2, 2],
    );
    assert.equal(steps[pauseLevel]?.active, false);
    assert.equal(steps[lowestVideoLevel]?.active, true);
  });

  it('never scales a camera below 90 lines', () => {
    const tiny = budgetFor(camera({ view: { width: 120, height: 90 }, level: lowestVideoLevel }));
    assert.equal(tiny.scaleResolutionDownBy, 5.33);
    const small = budgetFor(camera({ frame: { width: 320, height: 240 }, level: lowestVideoLevel }));
    assert.equal(small.scaleResolutionDownBy, 2);
  });

  it('clamps levels outside the ladder', () => {
    assert.ok(sameEncoding(budgetFor(camera({ level: -3 })), budgetFor(camera({ level: 0 }))));
    assert.ok(sameEncoding(budgetFor(camera({ level: 99 })), budgetFor(camera({ level: pauseLevel }))));
  });
});

describe('levelForBandwidth', () => {
  const input = { ...camera({ view: { width: 640, height: 480 } }) };

  it('stays at the top with a link that carries the whole budget', () => {
    assert.equal(levelForBandwidth(input, 1_400_000), 0);
  });

  it('picks the rung a 500 kbit/s link carries, and pauses below what any rung needs', () => {
    const level = levelForBandwidth(input, 400_000);
    assert.ok(level >= 2 && level < pauseLevel, `level ${level}`);
    assert.ok(budgetFor({ ...input, level }).maxBitrate <= 1.5 * (400_000 - 64_000) * 0.85);
    assert.equal(levelForBandwidth(input, 150_000), lowestVideoLevel);
    assert.equal(levelForBandwidth(input, 90_000), pauseLevel);
  });
});
