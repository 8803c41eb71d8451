/**
 * `npm test`: builds both browsers' extensions and the `lean-devtools` package, then runs every suite — type check, Biome, the
 * layering rules (dependency-cruiser), unused code (knip),
 * `web-ext lint` of the Firefox build, unit tests, browser tests — and ends with one line of totals,
 * `N passed, M failed`, counting each test and each check.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

interface SuiteResult {
  name: string;
  passed: number;
  failed: number;
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { status: string; assertionResults: { status: string }[] }[];
}

const RESULTS_DIR = '.test-results';
const results: SuiteResult[] = [];

function run(command: string, args: string[]): boolean {
  const status = spawnSync(command, args, { stdio: 'inherit', env: process.env }).status;
  return status === 0;
}

function check(name: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${name}`);
  const ok = run(command, args);
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
  return ok;
}

function vitest(name: string, config: string | null): void {
  console.log(`\n▶ ${name}`);
  const output = `${RESULTS_DIR}/${name}.json`;
  const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${output}`];
  if (config) args.push('-c', config);
  const ok = run('npx', args);
  try {
    const report = JSON.parse(readFileSync(output, 'utf8')) as VitestReport;
    // A file that failed outside its tests (a failing beforeAll, an import error) counts as one
    // failure of its own, and so does a run that failed with no failure reported at all.
    const brokenFiles = report.testResults.filter(
      (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
    ).length;
    const failed = report.numFailedTests + brokenFiles;
    results.push({ name, passed: report.numPassedTests, failed: failed === 0 && !ok ? 1 : failed });
  } catch {
    results.push({ name, passed: 0, failed: 1 });
  }
}

rmSync(RESULTS_DIR, { recursive: true, force: true });
mkdirSync(RESULTS_DIR, { recursive: true });

const built =
  check('build chrome', 'npx', ['wxt', 'build']) &&
  check('build firefox', 'npx', ['wxt', 'build', '-b', 'firefox', '--mv3']) &&
  check('build firefox (e2e probe)', 'npx', ['wxt', 'build', '-b', 'firefox', '--mv3', '--mode', 'e2e']) &&
  check('build package (lean-devtools bin)', 'npm', ['run', 'build:package']);
check('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']);
check('biome lint', 'npx', ['biome', 'lint', '--error-on-warnings', '.']);
check('layering (dependency-cruiser)', 'npm', ['run', '--silent', 'lint:deps']);
check('unused files and exports (knip)', 'npm', ['run', '--silent', 'lint:unused']);
if (built) {
  check('web-ext lint', 'npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv3', '--warnings-as-errors', '--no-config-discovery']);
}
vitest('unit', null);
if (built) vitest('e2e', 'vitest.e2e.config.ts');

console.log('\nSuites:');
for (const r of results) console.log(`  ${r.name}: ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && built ? 0 : 1);
