/**
 * Builds the fixture runtime for the package: the adapters and the CLI module for Node (ESM),
 * and the page half of the Playwright adapter as one script the adapter injects into pages.
 * Output in dist/fixtures/, which `npm pack` ships.
 */
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
