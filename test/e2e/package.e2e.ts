/**
 * The package as an integrator installs it: `npm pack`, then `npm install <tarball>` into an
 * empty project (from npm's cache when it holds playwright-core), which runs
 * `npx lean-devtools audit`, imports the fixture adapters by their package names, type-checks
 * a test against the shipped declarations, and replays a fixture with the jsdom adapter.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { assertBuilt, FLOWS, runCli } from './support/audit';

const ROOT = path.resolve('.');
let dir: string;
let project: string;
let packed: string[];
let server: FixtureServer;

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' },
  });
}

beforeAll(async () => {
  assertBuilt();
  server = await startFixtureServer();
  dir = await mkdtemp(path.join(tmpdir(), 'lean-package-'));
  // dist/ is already built; --ignore-scripts keeps `wxt prepare`'s output out of the JSON.
  const [pack] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT)) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  packed = pack!.files.map((f) => f.path);
  project = path.join(dir, 'integrator');
  await mkdir(project);
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'integrator', private: true, type: 'module' }));
  npm(['install', '--prefer-offline', path.join(dir, pack!.filename)], project);
}, 240_000);

afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the bundled bin, page scripts, fixture adapters and their declarations, and nothing else', () => {
    const outside = packed.filter((file) => !/^dist\/(cli\.js|page\/\w+\.js|fixtures\/[\w-]+\.js|types\/lib\/.+\.d\.ts)$/.test(file));
    expect(outside.sort()).toEqual(['README.md', 'package.json']);
    expect(packed).toEqual(expect.arrayContaining(['dist/cli.js', 'dist/page/hook.js', 'dist/page/relay.js', 'dist/fixtures/index.js', 'dist/fixtures/playwright.js', 'dist/fixtures/jsdom.js', 'dist/fixtures/cypress.js']));
  });

  it('installs with playwright-core as its only dependency, without the extension’s build tools', async () => {
    const installed = JSON.parse(await readFile(path.join(project, 'node_modules/lean-devtools/package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(installed.dependencies)).toEqual(['playwright-core']);
    const modules = await readdir(path.join(project, 'node_modules'));
    expect(modules).not.toContain('wxt');
    expect(modules).not.toContain('preact');
  });

  it('runs npx lean-devtools audit from the installed package', async () => {
    const run = await runCli(['audit', server.url('/mistakes/'), '--flow', path.join(FLOWS, 'run-mistakes.mjs')], {
      bin: ['npx', '--no-install', 'lean-devtools'],
      cwd: project,
    });
    expect(run.stderr).toContain('2 error(s), 5 warning(s)');
    expect(run.code).toBe(1);
    expect((await run.report()).targets[0]).toMatchObject({ status: 'ok', calls: 5 });
  }, 120_000);

  it('replays a fixture through the jsdom adapter imported by package name', async () => {
    await writeFile(
      path.join(project, 'replay.mjs'),
      `import { installLeanMock } from 'lean-devtools/fixtures/jsdom';
import { readFileSync } from 'node:fs';
const fixture = readFileSync(${JSON.stringify(path.join(ROOT, 'test/fixtures/fixture-examples/checkout.lean-fixture.json'))}, 'utf8');
const win = { location: { href: 'https://shop.example/checkout' }, setTimeout };
const lean = installLeanMock(win, fixture);
win.Lean.pay({ app_token: 'a-token', payment_intent_id: 'pi-1', callback: (data) => console.log(data.status, data.secondary_status, lean.calls().length) });
`,
    );
    expect(execFileSync('node', ['replay.mjs'], { cwd: project, encoding: 'utf8' }).trim()).toBe('ERROR INVALID_CREDENTIALS 1');
  });

  it('ships type declarations a TypeScript test compiles against', async () => {
    await writeFile(
      path.join(project, 'check.ts'),
      `import { installLeanMock, type PlaywrightLeanMock } from 'lean-devtools/fixtures/playwright';
import { generateFixture, type LeanFixture } from 'lean-devtools/fixtures';
import { stubLeanLoader } from 'lean-devtools/fixtures/cypress';
declare const page: Parameters<typeof installLeanMock>[0];
declare const fixture: LeanFixture;
const lean: Promise<PlaywrightLeanMock> = installLeanMock(page, fixture, { exhausted: 'error' });
void lean;
void generateFixture;
stubLeanLoader({ intercept: () => undefined });
`,
    );
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const args = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', 'false', '--types', 'node', '--typeRoots', path.join(ROOT, 'node_modules/@types'), 'check.ts'];
    expect(() => execFileSync('node', [tsc, ...args], { cwd: project, encoding: 'utf8', stdio: 'pipe' })).not.toThrow();
  });
});
