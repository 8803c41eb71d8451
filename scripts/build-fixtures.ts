/**
 * Builds the fixture runtime for the package: the adapters and the CLI module for Node (ESM),
 * and the page half of the Playwright adapter as one script the adapter injects into pages.
 * Output in dist/fixtures/ and dist/types/, which `npm pack` ships.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const common = { bundle: true, legalComments: 'none', logLevel: 'warning', target: 'es2022' } as const;

await build({
  ...common,
  entryPoints: {
    index: 'lib/fixtures/index.ts',
    playwright: 'lib/fixtures/adapters/playwright.ts',
    jsdom: 'lib/fixtures/adapters/jsdom.ts',
    cypress: 'lib/fixtures/adapters/cypress.ts',
  },
  outdir: 'dist/fixtures',
  format: 'esm',
  platform: 'node',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});

await build({
  ...common,
  entryPoints: ['lib/fixtures/page-runtime.ts'],
  outfile: 'dist/fixtures/page-runtime.js',
  format: 'iife',
  platform: 'browser',
});

// Type declarations for integrators' TypeScript tests (dist/types, named by package.json `exports`).
rmSync('dist/types', { recursive: true, force: true });
const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.package.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
// Projects resolving like Node (`moduleResolution: nodenext`) need each relative import's extension.
for (const file of readdirSync('dist/types', { recursive: true, encoding: 'utf8' })) {
  if (!file.endsWith('.d.ts')) continue;
  const target = path.join('dist/types', file);
  writeFileSync(target, readFileSync(target, 'utf8').replace(/(from '\.{1,2}\/[^']+?)(?<!\.js)'/g, "$1.js'"));
}
