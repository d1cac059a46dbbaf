import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Readable } from 'node:stream';

export const xvfbPath = process.env.XVFB_PATH ?? '/usr/bin/Xvfb';

export interface VirtualDisplay {
  /** For the DISPLAY variable, e.g. ":99". */
  display: string;
  stop(): Promise<void>;
}

/**
 * An X server that draws into memory (Xvfb), on a display number it picks itself. Firefox can only
 * capture a screen (getDisplayMedia) where there is one: its fake devices include no screen, and headless
 * Firefox has no display to capture.
 */
export async function startVirtualDisplay(width: number, height: number, timeoutMs = 10_000): Promise<VirtualDisplay> {
  const child = spawn(xvfbPath, ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit');
  // A test process that dies without its `after` hooks must not leave the X server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const number = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Xvfb did not start in ${timeoutMs} ms: ${stderr}`)), timeoutMs);
      let written = '';
      // With -displayfd, Xvfb writes the display number it took, then a newline, once it accepts clients.
      (child.stdio[3] as Readable).on('data', (chunk: Buffer) => {
        written += chunk.toString();
        if (!written.includes('\n')) return;
        clearTimeout(timer);
        resolve(written.trim());
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`Xvfb exited before it was ready: ${stderr}`));
      });
    });
    return { display: `:${number}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
