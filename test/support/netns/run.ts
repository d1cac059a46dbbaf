import { execFile } from 'node:child_process';

/** A system command failed: which one, its exit code and what it wrote to standard error. */
export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly args: readonly string[],
    readonly stderr: string,
    cause: unknown,
  ) {
    super(`${command} ${args.join(' ')} failed: ${stderr.trim() || String(cause)}`, { cause });
  }
}

/**
 * Runs a program with arguments (never through a shell) and resolves with its standard output. `input` is
 * written to its standard input (nft reads rulesets there). Every command has a time limit, so a wedged
 * `ip` or `nft` fails the test instead of hanging it.
 */
export function run(command: string, args: readonly string[], input?: string, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new CommandError(command, args, stderr, error));
      else resolve(stdout);
    });
    // A command that exits without reading its input closes the pipe: its exit status tells what happened.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });
}

/** Runs a command whose failure is expected and harmless (deleting what may already be gone). */
export async function runIgnoringFailure(command: string, args: readonly string[]): Promise<void> {
  await run(command, args).catch(() => undefined);
}
