/**
 * `npm run bench:audit`: how long `lean-devtools audit` takes over the demo shop, the whole
 * command as CI runs it (Node start, Chromium start, the page, the redirect flow through
 * captureRedirect, every report written). Target: ≤ 10 s. Runs the built bin
 * (`npm run build:package` first) RUNS times (default 5) and prints each wall-clock time, then
 * one JSON line with the median and the maximum.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_PATH } from '../test/e2e/support/chromium';
import { startFixtureServer } from '../test/fixtures/server';
import { median, round } from './stats';

const RUNS = Number(process.env.RUNS ?? 5);
const server = await startFixtureServer();
const seconds: number[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const out = mkdtempSync(path.join(tmpdir(), 'lean-audit-bench-'));
    const started = performance.now();
    // Not spawnSync: the fixture server runs in this process and must keep answering.
    const child = spawn(
      process.execPath,
      [
        'dist/cli.js',
        'audit',
        server.url('/demo/'),
        '--flow',
        'test/fixtures/audit/demo-redirect.mjs',
        '--reporter',
        'json,junit,sarif,github,codequality',
        '--output-dir',
        out,
      ],
      { env: { ...process.env, CHROMIUM_PATH }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const elapsed = (performance.now() - started) / 1000;
    if (status !== 0) throw new Error(`run ${i + 1} exited ${status}: ${stderr}`);
    seconds.push(elapsed);
    process.stderr.write(`run ${i + 1}: ${elapsed.toFixed(2)} s\n`);
  }
} finally {
  await server.close();
}
console.log(JSON.stringify({ auditDemoSecondsMedian: round(median(seconds), 2), auditDemoSecondsMax: round(Math.max(...seconds), 2), runs: RUNS }));
