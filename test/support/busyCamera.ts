import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NoiseVideo } from './fakeCamera.js';

/**
 * A fake camera between the built-in one (so simple that VP8 sends it at about 400 kbit/s whatever happens)
 * and all-noise (fakeCamera.ts: so hard that the encoder is held back at any bitrate, even on a free link):
 * a still grey 640×480 picture with a block of fresh noise in the middle, `noiseShare` of its area. Its cost
 * grows with the block, so a share can be chosen that a free link carries at full size while a narrow one
 * makes the encoder give way. Y4M for Chromium's `--use-file-for-fake-video-capture`.
 */
export async function writeBusyVideo({
  width = 640,
  height = 480,
  fps = 15,
  frames = 30,
  noiseShare = 0.1,
} = {}): Promise<NoiseVideo> {
  if (width % 2 !== 0 || height % 2 !== 0) throw new Error('4:2:0 video needs even dimensions');
  if (!(noiseShare > 0 && noiseShare <= 1)) throw new Error('noiseShare is in (0, 1]');
  const dir = await mkdtemp(path.join(tmpdir(), 'parley-busy-'));
  const file = path.join(dir, 'busy.y4m');
  // The block keeps the picture's proportions; even sizes, centred.
  const side = Math.sqrt(noiseShare);
  const blockWidth = Math.max(2, Math.round((width * side) / 2) * 2);
  const blockHeight = Math.max(2, Math.round((height * side) / 2) * 2);
  const left = Math.round((width - blockWidth) / 4) * 2;
  const top = Math.round((height - blockHeight) / 4) * 2;
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`)];
  for (let frame = 0; frame < frames; frame++) {
    const luma = Buffer.alloc(width * height, 110);
    for (let row = 0; row < blockHeight; row++) {
      randomBytes(blockWidth).copy(luma, (top + row) * width + left);
    }
    parts.push(Buffer.from('FRAME\n'), luma, chroma);
  }
  await writeFile(file, Buffer.concat(parts));
  return {
    flag: `--use-file-for-fake-video-capture=${file}`,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
