import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface NoiseVideo {
  /** The Chromium flag that makes every fake camera play this file (in a loop). */
  flag: string;
  remove(): Promise<void>;
}

/**
 * A fake camera whose picture is fresh random noise every frame, as a Y4M file for Chromium's
 * `--use-file-for-fake-video-capture`. The built-in fake camera's picture is so simple that VP8 sends it at
 * about 400 kbit/s whatever the link allows; noise cannot be compressed, so the encoder uses all the
 * bitrate the congestion controller grants, and a shaped link visibly limits it. Measured with Chromium 156:
 * at 320x240 it sends about 600 kbit/s (its ceiling for that size) at 4 to 5 frames a second; a 640x480
 * source is scaled down to 320x240 anyway, for want of bandwidth, early in the call.
 */
export async function writeNoiseVideo({ width = 320, height = 240, fps = 15, frames = 30 } = {}): Promise<NoiseVideo> {
  if (width % 2 !== 0 || height % 2 !== 0) throw new Error('4:2:0 video needs even dimensions');
  const dir = await mkdtemp(path.join(tmpdir(), 'parley-noise-'));
  const file = path.join(dir, 'noise.y4m');
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`)];
  for (let frame = 0; frame < frames; frame++) parts.push(Buffer.from('FRAME\n'), randomBytes(width * height), chroma);
  await writeFile(file, Buffer.concat(parts));
  return {
    flag: `--use-file-for-fake-video-capture=${file}`,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
