/**
 * `lean-devtools audit [url…]`: wiring only. Settings are layered by `lib/audit/config`, the
 * run is `lib/audit/run-audit`, the formats are `lib/audit/reporters`. Reports are written in
 * every case, including a run that could not do its job (exit 2, one line on stderr).
 */
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import {
  ConfigError,
  type ConfigLayer,
  DEFAULT_CONFIG_FILE,
  envLayer,
  fileLayer,
  mergeLayers,
  parseFailOn,
  parseOverrides,
  parsePositiveInt,
  parseReporters,
  parseRuleOverrides,
} from '../../lib/audit/config';
import { baselineFingerprints, exitCodeOf } from '../../lib/audit/report';
import { artifactsUrlOf, githubAnnotations, REPORT_FILES, renderReport, supportReports } from '../../lib/audit/reporters';
import { coverageTerminal } from '../../lib/audit/reporters/outcomes';
import { undocumentedNotes } from '../../lib/audit/overrides';
import { runAudit } from '../../lib/audit/run-audit';
import type { PageScripts } from '../../lib/audit/run-target';
import { terminalLine } from '../../lib/report/terminal';
import { createProgress } from '../progress';
import { TOOL } from '../tool';

interface AuditFlags {
  config?: string;
  flow?: string;
  reporter?: string;
  outputDir?: string;
  failOn?: string;
  rule: string[];
  override: string[];
  baseline?: string;
  timeout?: string;
  chromiumPath?: string;
  expectLean?: boolean;
  sandbox?: boolean;
}

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description("Open each URL (and run the flow) in headless Chromium, and report the Lean panel's findings")
    .argument('[url...]', 'pages to audit (replace the config file’s targets)')
    .option('--config <file>', `config file (default: ./${DEFAULT_CONFIG_FILE} when present)`)
    .option('--flow <module>', 'module whose default export drives the page: async ({ page, url }) => {…}')
    .option('--reporter <list>', 'comma-separated: json,junit,sarif,github,codequality (default: json)')
    .option('--output-dir <dir>', 'where reports are written (default: .lean-devtools)')
    .option('--fail-on <level>', 'error | warning | never (default: error)')
    .option('--rule <id=level>', 'rule severity override: off | info | warning | error (repeatable)', collect, [])
    .option(
      '--override <method=outcome>',
      'the page gets this outcome instead of the SDK’s: pay=ERROR:INVALID_CREDENTIALS, pay=CANCELLED@5s, pay=none (repeatable; docs/overrides.md)',
      collect,
      [],
    )
    .option('--baseline <file>', "a previous report.json: its findings don't fail the run")
    .option('--timeout <ms>', 'per target: the deadline of every wait in its run (default: 30000)')
    .option('--chromium-path <path>', 'Chromium executable (default: $CHROMIUM_PATH, /usr/bin/chromium, Playwright’s)')
    .option('--no-expect-lean', 'a page without Lean is not an error')
    .option('--no-sandbox', "run Chromium without its sandbox (as root it runs without, and says so)")
    .action(async (urls: string[], flags: AuditFlags, command: Command) => {
      process.exitCode = await audit(urls, flags, command);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function audit(urls: string[], flags: AuditFlags, command: Command): Promise<number> {
  const outputDirFallback = path.resolve(flags.outputDir ?? '.lean-devtools');
  let config: ReturnType<typeof mergeLayers>;
  let baseline = new Set<string>();
  try {
    const { layer: file, configFile } = await readConfigFile(flags.config);
    config = mergeLayers([file, envLayer(process.env), flagLayer(urls, flags, command)], configFile);
    if (config.baseline) baseline = baselineFingerprints(await readJson(config.baseline, 'baseline'));
  } catch (error) {
    return cannotRun(error instanceof Error ? error.message : String(error), outputDirFallback);
  }
  for (const note of undocumentedNotes(config.targets)) say(note);
  let scripts: PageScripts;
  try {
    scripts = await pageScripts();
  } catch (error) {
    return cannotRun(`page scripts missing (run npm run build:package): ${(error as Error).message}`, outputDirFallback);
  }
  const { report, sessions } = await runAudit(config, {
    scripts,
    env: process.env,
    tool: TOOL,
    baseline,
    progress: createProgress(process.stderr),
    warn: say,
  });
  const outputDir = path.resolve(config.outputDir);
  await mkdir(outputDir, { recursive: true });
  const reporters = config.reporters.includes('json') ? config.reporters : (['json', ...config.reporters] as const);
  const summary = { artifactsUrl: artifactsUrlOf(process.env) };
  for (const name of reporters) await writeFile(path.join(outputDir, REPORT_FILES[name]), renderReport(name, report, sessions, summary));
  if (config.reporters.includes('github')) {
    for (const support of supportReports(report, sessions)) await writeFile(path.join(outputDir, support.file), support.text);
    process.stdout.write(githubAnnotations(report));
    const summaryFile = process.env.GITHUB_STEP_SUMMARY;
    if (summaryFile) await appendFile(summaryFile, renderReport('github', report, sessions, summary));
  }
  for (const line of report.targets.flatMap(coverageTerminal)) say(line);
  const failed = report.targets.find((t) => t.status === 'failed');
  if (failed) say(`${failed.name}: ${failed.error}`);
  say(`${report.summary.error} error(s), ${report.summary.warning} warning(s); reports in ${path.relative(process.cwd(), outputDir) || '.'}`);
  return exitCodeOf(report.targets, config.failOn);
}

/** One line on stderr; page text in it (target names, errors) goes through the terminal sanitiser. */
function say(message: string): void {
  process.stderr.write(`${terminalLine(`${TOOL.name} audit: ${message}`)}\n`);
}

/** Exit 2 with one line on stderr, and a report that says why (reports are written in every case). */
async function cannotRun(reason: string, outputDir: string): Promise<number> {
  say(reason);
  try {
    await mkdir(outputDir, { recursive: true });
    const report = {
      format: 'lean-devtools-audit',
      version: 1,
      tool: TOOL,
      exitCode: 2,
      error: reason,
      targets: [],
    };
    await writeFile(path.join(outputDir, REPORT_FILES.json), JSON.stringify(report, null, 2) + '\n');
  } catch {
    // The reason is on stderr already.
  }
  return 2;
}

async function readConfigFile(explicit: string | undefined): Promise<{ layer: ConfigLayer; configFile: string | null }> {
  const file = path.resolve(explicit ?? DEFAULT_CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (!explicit && (error as NodeJS.ErrnoException).code === 'ENOENT') return { layer: {}, configFile: null };
    throw new ConfigError(`cannot read config file ${file}: ${(error as Error).message}`);
  }
  return { layer: fileLayer(text, file), configFile: path.relative(process.cwd(), file) };
}

function flagLayer(urls: string[], flags: AuditFlags, command: Command): ConfigLayer {
  const layer: ConfigLayer = {};
  if (urls.length) layer.urls = urls;
  if (flags.flow) layer.flow = path.resolve(flags.flow);
  if (flags.reporter) layer.reporters = parseReporters(flags.reporter);
  if (flags.outputDir) layer.outputDir = flags.outputDir;
  if (flags.failOn) layer.failOn = parseFailOn(flags.failOn);
  if (flags.rule.length) layer.rules = parseRuleOverrides(flags.rule);
  if (flags.override.length) layer.overrides = parseOverrides(flags.override);
  if (flags.baseline) layer.baseline = flags.baseline;
  if (flags.timeout) layer.timeout = parsePositiveInt(flags.timeout, '--timeout');
  if (flags.chromiumPath) layer.chromiumPath = flags.chromiumPath;
  // Only when given: commander's default (true) must not override the config file's targets.
  if (command.getOptionValueSource('expectLean') === 'cli') layer.expectLean = flags.expectLean;
  if (command.getOptionValueSource('sandbox') === 'cli') layer.sandbox = flags.sandbox;
  return layer;
}

async function readJson(file: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`cannot read ${what} ${file}: ${(error as Error).message}`);
  }
}

/** The hook and relay bundles, built beside this file by `npm run build:package`. */
async function pageScripts(): Promise<PageScripts> {
  const dir = new URL('./page/', import.meta.url);
  const [hook, relay] = await Promise.all([readFile(new URL('hook.js', dir), 'utf8'), readFile(new URL('relay.js', dir), 'utf8')]);
  return { hook, relay };
}
