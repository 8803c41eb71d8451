/**
 * `lean-devtools audit` from the built bin against a hostile page: crafted config keys,
 * permissions and call sites, a flow whose page code throws CR-separated workflow commands
 * and terminal escape sequences. Nothing the CLI prints can be read as a workflow command or
 * reach a terminal as a control sequence, every report stays well-formed and inside the
 * repository's mapped folder. And every usage error exits 2 with one line on stderr.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJunit, validateSarif } from '../fixtures/audit/formats';
import { auditFixtureServer, FLOWS, runCli } from './support/audit';

const server = auditFixtureServer();

/** Lines as the Actions runner and a terminal split them. */
const lines = (text: string) => text.split(/\r\n|\r|\n|\u0085|\u2028|\u2029/);
// biome-ignore lint/suspicious/noControlCharactersInRegex: none may be printed
const CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('lean-devtools audit on a hostile page', () => {
  it('prints nothing a runner or terminal would act on, and writes well-formed reports inside the mapped folder', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lean-audit-hostile-'));
    const config = path.join(dir, 'lean-devtools.config.json');
    const name = 'checkout\r::error::forged name\u001b[31m <img src=x onerror=alert(1)>';
    await writeFile(
      config,
      JSON.stringify({
        targets: [{ name, url: server.url('/mistakes/'), flow: path.join(FLOWS, 'hostile-flow.mjs') }],
        reporters: ['json', 'junit', 'sarif', 'github', 'codequality'],
        pathMap: { [`${server.url('/js/')}`]: 'public/js/' },
      }),
    );
    const stepSummary = path.join(dir, 'step-summary.md');
    const run = await runCli(['audit', '--config', config], { env: { GITHUB_STEP_SUMMARY: stepSummary } });
    expect(run.code).toBe(2);

    // stdout: only the audit's own workflow commands, one per line.
    for (const line of lines(run.stdout.trimEnd())) expect(line).toMatch(/^::(error|warning|notice) (file|title)=/);
    // stderr: no line a runner reads as a command.
    for (const line of lines(run.stderr)) expect(line.trimStart().startsWith('::'), line).toBe(false);
    expect(run.stdout).not.toMatch(CONTROL);
    expect(run.stderr).not.toMatch(CONTROL);
    expect(run.stderr).toContain('boom\\r::stop-commands::tok\\r::add-mask::s3cr3t');

    const report = await run.report();
    const [target] = report.targets;
    expect(target).toMatchObject({ name, status: 'failed' });
    expect(target!.findings.length).toBeGreaterThan(0);
    expect(target!.error).toContain('::stop-commands::');

    const suites = readJunit(await run.read('junit.xml'));
    expect(suites).toHaveLength(1);
    expect(suites[0]!.cases.map((c) => c.name)).toEqual(['audit', ...report.rules.map((r) => r.id)]);
    expect(suites[0]!.cases.filter((c) => c.name === 'forged')).toEqual([]);

    const sarif = JSON.parse(await run.read('report.sarif'));
    expect(validateSarif(sarif)).toEqual([]);
    const uris: string[] = sarif.runs[0].results.flatMap((r: { locations?: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
      (r.locations ?? []).map((l) => l.physicalLocation.artifactLocation.uri),
    );
    const quality = JSON.parse(await run.read('gl-code-quality-report.json')) as Array<{ location: { path: string } }>;
    // SARIF: repository paths only inside the mapped folder, web addresses under lean-devtools-web/.
    for (const uri of uris) expect(uri, uri).toMatch(/^(lean-devtools-web|public\/js)\/(?!.*(^|\/)\.\.(\/|$))/);
    for (const path of quality.map((i) => i.location.path)) {
      expect(path, path).toMatch(/^(https?:\/\/|public\/js\/)/);
      if (path.startsWith('public/')) expect(path.split('/')).not.toContain('..');
    }
    expect(uris.some((u) => u.startsWith('public/js/'))).toBe(true);

    const summary = await readFile(stepSummary, 'utf8');
    expect(summary).toBe(await run.read('summary.md'));
    expect(summary).toContain('<details><summary>checkout&#92;r::error::forged name&#92;x1b&#91;31m &#60;img src=x onerror=alert&#40;1&#41;&#62;: ');
    expect(summary).not.toMatch(CONTROL);
    expect(run.files).toContain('support-1.md');
  });
});

describe('lean-devtools usage errors', () => {
  it.each([
    ['an unknown option', ['audit', '--bogus']],
    ['a missing option value', ['audit', 'http://localhost/', '--timeout']],
    ['a bad option value', ['audit', 'http://localhost/', '--fail-on', 'maybe']],
    ['a bad subcommand option value', ['fixture', 'generate', '--from', 'a.json', '--out', 'b.json', '--timing', 'soon']],
    ['an unknown command', ['bogus']],
  ])('exits 2 with one line on stderr for %s', async (_, args) => {
    const run = await runCli(args, { outputDir: false });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^lean-devtools( audit)?: [^\n]+\n$/);
  });
});
