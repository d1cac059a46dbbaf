// Runs one kind of tests (unit, integration, e2e), each file in its own process with a deadline, so that a
// failing or stuck file ends the run with a failure instead of hanging it. Every process a file started
// (servers, browsers, coturn, redis, nginx) carries a marker in its environment and is killed when the file
// is done, whatever state it left them in.
//
//   node scripts/run-tests.mjs <unit|integration|e2e> [substring...]
//
// Environment: TEST_FILE_TIMEOUT (seconds per file), TEST_TIMEOUT (seconds per test). A file that starts
// many processes (a cluster: redis, nginx, several nodes) may ask for more per test with a first-line comment
// `// test-timeout: <seconds>` (never more than the file's deadline).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const kinds = {
  // Pure code: every file at once (node --test runs them in parallel), one deadline for all.
  unit: { fileTimeoutS: 180, testTimeoutS: 30, together: true },
  integration: { fileTimeoutS: 240, testTimeoutS: 60, together: false },
  e2e: { fileTimeoutS: 600, testTimeoutS: 240, together: false },
};

const [kind, ...filters] = process.argv.slice(2);
const settings = kinds[kind];
if (!settings) {
  console.error(`usage: node scripts/run-tests.mjs <${Object.keys(kinds).join('|')}> [substring...]`);
  process.exit(2);
}
const fileTimeoutS = Number(process.env.TEST_FILE_TIMEOUT ?? settings.fileTimeoutS);
const testTimeoutS = Number(process.env.TEST_TIMEOUT ?? settings.testTimeoutS);

/** Test files under test/<kind>, in every subfolder, in a stable order. */
function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return findTests(full);
      return entry.name.endsWith('.test.ts') ? [full] : [];
    })
    .sort();
}

const files = findTests(path.join('test', kind)).filter(
  (file) => filters.length === 0 || filters.some((filter) => file.includes(filter)),
);
if (files.length === 0) {
  console.error(`no ${kind} test files match ${filters.join(' ') || '(all)'}`);
  process.exit(1);
}

/** Kills every process whose environment carries `marker` (children that left the process group too). */
function killMarked(marker) {
  const needle = `PARLEY_TEST_RUN=${marker}`;
  let killed = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    if (Number(pid) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(needle)) {
        process.kill(Number(pid), 'SIGKILL');
        killed++;
      }
    } catch {
      // Gone already, or not ours to read.
    }
  }
  return killed;
}

/** Seconds per test: the kind's, or what a lone file asks for on its first line. */
function timeoutFor(batch) {
  if (batch.length !== 1) return testTimeoutS;
  const asked = /^\/\/ test-timeout: (\d+)/.exec(readFileSync(batch[0], 'utf8'));
  return asked ? Math.min(Number(asked[1]), fileTimeoutS - 10) : testTimeoutS;
}

const label = (batch) => (batch.length > 1 ? `${batch.length} files` : batch[0]);

function run(batch) {
  const marker = randomUUID();
  const started = Date.now();
  const args = [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-force-exit',
    `--test-timeout=${timeoutFor(batch) * 1000}`,
    ...(settings.together ? [] : ['--test-concurrency=1']),
    ...batch,
  ];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, PARLEY_TEST_RUN: marker },
  });
  // Everything is shown as it comes; the reporter's closing list of failures is also kept, to be shown again
  // at the very end (a long run's log is often read from its tail only).
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    keep(chunk);
  });
  child.stderr.on('data', (chunk) => {
    process.stderr.write(chunk);
    keep(chunk);
  });
  return new Promise((resolve) => {
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      console.error(`\n✖ ${label(batch)}: still running after ${fileTimeoutS} s; stopping it and all it started`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, fileTimeoutS * 1000);
    child.on('exit', (code, signal) => {
      clearTimeout(deadline);
      const leftovers = killMarked(marker);
      const seconds = (Date.now() - started) / 1000;
      if (leftovers > 0) console.error(`(stopped ${leftovers} leftover process(es) of ${label(batch)})`);
      const failures = output.lastIndexOf('✖ failing tests:');
      const detail = failures >= 0 ? output.slice(failures) : output.split('\n').slice(-60).join('\n');
      resolve({ batch, ok: !timedOut && code === 0, timedOut, code: code ?? signal, seconds, detail });
    });
  });
}

const results = [];
const interrupt = () => process.exit(130);
process.on('SIGINT', interrupt);
process.on('SIGTERM', interrupt);
for (const batch of settings.together ? [files] : files.map((file) => [file])) results.push(await run(batch));

const failed = results.filter((result) => !result.ok);
const total = results.reduce((sum, result) => sum + result.seconds, 0);
console.log(`\n${kind}: ${results.length - failed.length} of ${results.length} passed in ${total.toFixed(0)} s`);
for (const result of results) {
  const status = result.ok ? 'pass' : result.timedOut ? 'TIMED OUT' : `FAIL (${result.code})`;
  console.log(`  ${status.padEnd(12)} ${result.seconds.toFixed(1).padStart(6)} s  ${label(result.batch)}`);
}
for (const result of failed) {
  const lines = result.detail.split('\n');
  const shown = lines.length > 150 ? [...lines.slice(0, 150), `… (${lines.length - 150} more lines)`] : lines;
  console.log(`\n── why ${label(result.batch)} failed ──\n${shown.join('\n')}`);
}
process.exit(failed.length === 0 ? 0 : 1);
