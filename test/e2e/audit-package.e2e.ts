/**
 * The packed tarball installs with its runtime dependencies only and runs: `npm pack`, then
 * `npm install <tgz>` in an empty project (from npm's cache when it holds playwright-core),
 * then `npx lean-devtools audit`.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { assertBuilt, FLOWS, runCli } from './support/audit';

let server: FixtureServer;

beforeAll(async () => {
  assertBuilt();
  server = await startFixtureServer();
});

afterAll(async () => {
  await server?.close();
});

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('the packed lean-devtools package', () => {
  it('holds only the bundled bin, installs with playwright-core alone and runs npx lean-devtools audit', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'lean-pack-'));
    const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], process.cwd())) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    expect(packed!.files.map((f) => f.path).sort()).toEqual(['README.md', 'dist/cli.js', 'dist/page/hook.js', 'dist/page/relay.js', 'package.json']);

    const project = path.join(work, 'project');
    await mkdir(project);
    await writeFile(path.join(project, 'package.json'), '{ "private": true }\n');
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, packed!.filename)], project);
    const installed = JSON.parse(await readFile(path.join(project, 'node_modules/lean-devtools/package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(installed.dependencies)).toEqual(['playwright-core']);

    const run = await runCli(['audit', server.url('/mistakes/'), '--flow', path.join(FLOWS, 'run-mistakes.mjs')], {
      bin: ['npx', '--no-install', 'lean-devtools'],
      cwd: project,
    });
    expect(run.stderr).toContain('4 error(s), 3 warning(s)');
    expect(run.code).toBe(1);
    expect((await run.report()).targets[0]).toMatchObject({ status: 'ok', calls: 5 });
  }, 180_000);
});
