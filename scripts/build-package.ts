/**
 * `npm run build:package`: the npm package's JavaScript, bundled into `dist/` so the packed
 * tarball runs with its runtime dependencies only (`dependencies`, `peerDependencies`: kept
 * external, e.g. playwright-core, which finds its own files at run time). Node entries (the bin, the package's exports) go in `NODE_ENTRIES`;
 * page scripts (IIFEs the audit injects into pages) in `PAGE_ENTRIES`: one line each.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { build } from 'esbuild';

const NODE_ENTRIES: Record<string, string> = {
  cli: 'cli/main.ts',
  'fixtures/index': 'lib/fixtures/index.ts',
  'fixtures/playwright': 'lib/fixtures/adapters/playwright.ts',
  'fixtures/jsdom': 'lib/fixtures/adapters/jsdom.ts',
  'fixtures/cypress': 'lib/fixtures/adapters/cypress.ts',
};

const PAGE_ENTRIES: Record<string, string> = {
  'page/hook': 'cli/page/hook.ts',
  'page/relay': 'cli/page/relay.ts',
  // The Playwright adapter's page half, read from beside the adapter.
  'fixtures/page-runtime': 'lib/fixtures/page-runtime.ts',
};

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  version: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};
/** What the installed package brings (or the user installs) stays external; the rest is bundled. */
const external = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies });

await rm('dist', { recursive: true, force: true });
await build({
  entryPoints: NODE_ENTRIES,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external,
  define: { __LEAN_DEVTOOLS_VERSION__: JSON.stringify(pkg.version) },
  // Bundled CommonJS libraries require Node's built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
await build({
  entryPoints: PAGE_ENTRIES,
  outdir: 'dist',
  bundle: true,
  platform: 'browser',
  target: 'chrome120',
  format: 'iife',
  minify: true,
  logLevel: 'warning',
});

// Type declarations of the package's exports, for integrators' TypeScript tests.
const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.package.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
// Projects resolving like Node (`moduleResolution: nodenext`) need each relative import's extension.
for (const file of readdirSync('dist/types', { recursive: true, encoding: 'utf8' })) {
  if (!file.endsWith('.d.ts')) continue;
  const target = path.join('dist/types', file);
  writeFileSync(target, readFileSync(target, 'utf8').replace(/(from '\.{1,2}\/[^']+?)(?<!\.js)'/g, "$1.js'"));
}
console.log('dist/ built');
