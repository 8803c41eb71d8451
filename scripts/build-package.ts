/**
 * `npm run build:package`: the npm package's JavaScript, bundled into `dist/` so the packed
 * tarball runs with its runtime dependencies only (`dependencies`, `peerDependencies`: kept
 * external, e.g. playwright-core, which finds its own files at run time). Node entries (the bin, later the package's exports) go in `NODE_ENTRIES`;
 * page scripts (IIFEs the audit injects into pages) in `PAGE_ENTRIES`: one line each.
 */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { build } from 'esbuild';

const NODE_ENTRIES: Record<string, string> = {
  cli: 'cli/main.ts',
};

const PAGE_ENTRIES: Record<string, string> = {
  'page/hook': 'cli/page/hook.ts',
  'page/relay': 'cli/page/relay.ts',
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
console.log('dist/ built');
