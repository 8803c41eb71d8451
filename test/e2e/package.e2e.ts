/**
 * The package as an integrator installs it: `npm pack`, then `npm install <tarball>` into an
 * empty project, which imports the fixture adapters by their package names, type-checks a test
 * against the shipped declarations, and replays a fixture with the jsdom adapter's install.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve('.');
let dir: string;
let project: string;

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lean-package-'));
  npm(['pack', '--pack-destination', dir], ROOT);
  const tarball = (await readdir(dir)).find((f) => f.endsWith('.tgz'))!;
  project = path.join(dir, 'integrator');
  await writeFile(path.join(dir, 'package.json'), '{}');
  execFileSync('mkdir', ['-p', project]);
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'integrator', private: true, type: 'module' }));
  npm(['install', path.join(dir, tarball)], project);
}, 240_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('installs without the extension’s build tools', async () => {
    const installed = await readdir(path.join(project, 'node_modules'));
    expect(installed).toContain('lean-devtools');
    expect(installed).not.toContain('wxt');
    expect(installed).not.toContain('preact');
  });

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
