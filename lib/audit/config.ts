/**
 * The audit's settings, layered as Lighthouse CI does it: defaults, then the config file,
 * then `LEAN_DEVTOOLS_*` environment variables, then command-line flags. Each layer is a
 * partial `ConfigLayer`; `mergeLayers` folds them into one `AuditConfig`. Paths from the file
 * are relative to the file, other paths to the working directory. Pure: reading the file and
 * the environment is the caller's job.
 */
import path from 'node:path';
import * as z from 'zod';
import type { Severity } from '../model/types';
import { type OutcomeOverride, OverrideSpecError, parseOverride } from '../model/outcomes';

export const REPORTERS = ['json', 'junit', 'sarif', 'github', 'codequality'] as const;
export type ReporterName = (typeof REPORTERS)[number];
export const FAIL_ON = ['error', 'warning', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];
export const RULE_LEVELS = ['off', 'info', 'warning', 'error'] as const;
export type RuleLevel = 'off' | Severity;

export const DEFAULT_CONFIG_FILE = 'lean-devtools.config.json';

export interface AuditTarget {
  /** Shown in reports; the URL (or the flow's file) by default. */
  name: string;
  /** Opened first; a flow alone navigates by itself. */
  url: string | null;
  /** Module whose default export drives the page: `async ({ page, url }) => {…}`. */
  flow: string | null;
  /** Lean must appear on this target, or the audit cannot do its job (exit 2). */
  expectLean: boolean;
  /** Where the page's CSP is set in the repository (SARIF and Code Quality locate CSP findings there). */
  cspFile: string | null;
  /** Outcome overrides the hook applies on every call of their method (docs/overrides.md), one per method. */
  overrides: OutcomeOverride[];
}

export interface AuditConfig {
  targets: AuditTarget[];
  reporters: ReporterName[];
  outputDir: string;
  failOn: FailOn;
  /** Severity overrides by rule id; `off` drops the rule's findings. */
  rules: Record<string, RuleLevel>;
  /** A previous canonical JSON report: findings it holds (by fingerprint) do not fail the run. */
  baseline: string | null;
  /** Per target: navigation plus flow, in ms. */
  timeout: number;
  /** How long the page must stay quiet (no message from the hook or relay) before its session is read. */
  settleMs: number;
  chromiumPath: string | null;
  /** Chromium's sandbox (off with `--no-sandbox`, or by itself when running as root). */
  sandbox: boolean;
  /** URL prefix → repository path prefix, to turn call sites (`https://…/app.js:12`) into repository files. */
  pathMap: Record<string, string>;
  /** The config file read, if any; CSP findings are located there when a target names no `cspFile`. */
  configFile: string | null;
}

/** One layer: what a file, the environment or the flags set. */
export interface ConfigLayer {
  urls?: string[];
  flow?: string;
  targets?: Array<Partial<AuditTarget> & { url?: string | null; flow?: string | null }>;
  reporters?: ReporterName[];
  outputDir?: string;
  failOn?: FailOn;
  rules?: Record<string, RuleLevel>;
  baseline?: string;
  timeout?: number;
  settleMs?: number;
  chromiumPath?: string;
  sandbox?: boolean;
  pathMap?: Record<string, string>;
  expectLean?: boolean;
  /** Apply to every target (those of later layers too), over a target's own override of the same method. */
  overrides?: OutcomeOverride[];
}

export class ConfigError extends Error {}

export const DEFAULTS: Omit<AuditConfig, 'targets' | 'configFile'> = {
  reporters: ['json'],
  outputDir: '.lean-devtools',
  failOn: 'error',
  rules: {},
  baseline: null,
  timeout: 30_000,
  settleMs: 500,
  chromiumPath: null,
  sandbox: true,
  pathMap: {},
};

const ruleLevel = z.enum(RULE_LEVELS);
const fileSchema = z
  .object({
    targets: z
      .array(
        z
          .object({
            name: z.string().optional(),
            url: z.string().optional(),
            flow: z.string().optional(),
            expectLean: z.boolean().optional(),
            cspFile: z.string().optional(),
            overrides: z.array(z.string()).optional(),
          })
          .strict(),
      )
      .optional(),
    reporters: z.array(z.enum(REPORTERS)).optional(),
    outputDir: z.string().optional(),
    failOn: z.enum(FAIL_ON).optional(),
    rules: z.record(z.string(), ruleLevel).optional(),
    baseline: z.string().optional(),
    timeout: z.number().int().positive().optional(),
    settleMs: z.number().int().nonnegative().optional(),
    chromiumPath: z.string().optional(),
    sandbox: z.boolean().optional(),
    pathMap: z.record(z.string(), z.string()).optional(),
    overrides: z.array(z.string()).optional(),
  })
  .strict();

/** The config file's layer; its relative paths are resolved against the file's folder. */
export function fileLayer(text: string, file: string): ConfigLayer {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not JSON (${(error as Error).message})`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const dir = path.dirname(file);
  const local = (p: string | undefined) => (p === undefined ? undefined : path.resolve(dir, p));
  const { targets, outputDir, baseline, overrides, ...rest } = parsed.data;
  const layer: ConfigLayer = { ...rest };
  if (overrides) layer.overrides = parseOverrides(overrides);
  if (targets) {
    layer.targets = targets.map((t) => ({
      ...t,
      flow: local(t.flow),
      cspFile: t.cspFile ?? null,
      overrides: t.overrides ? parseOverrides(t.overrides) : [],
    }));
  }
  if (outputDir !== undefined) layer.outputDir = local(outputDir);
  if (baseline !== undefined) layer.baseline = local(baseline);
  return layer;
}

/** `LEAN_DEVTOOLS_*` variables; empty ones are ignored. */
export function envLayer(env: Record<string, string | undefined>): ConfigLayer {
  const get = (name: string) => {
    const value = env[`LEAN_DEVTOOLS_${name}`]?.trim();
    return value ? value : undefined;
  };
  const layer: ConfigLayer = {};
  const urls = get('URL');
  if (urls) layer.urls = urls.split(/[\s,]+/).filter(Boolean);
  const flow = get('FLOW');
  if (flow) layer.flow = flow;
  const reporters = get('REPORTER');
  if (reporters) layer.reporters = parseReporters(reporters);
  const outputDir = get('OUTPUT_DIR');
  if (outputDir) layer.outputDir = outputDir;
  const failOn = get('FAIL_ON');
  if (failOn) layer.failOn = parseFailOn(failOn);
  const rules = get('RULE');
  if (rules) layer.rules = parseRuleOverrides(rules.split(/[\s,]+/).filter(Boolean));
  const baseline = get('BASELINE');
  if (baseline) layer.baseline = baseline;
  const timeout = get('TIMEOUT');
  if (timeout) layer.timeout = parsePositiveInt(timeout, 'LEAN_DEVTOOLS_TIMEOUT');
  const chromiumPath = get('CHROMIUM_PATH');
  if (chromiumPath) layer.chromiumPath = chromiumPath;
  const overrides = get('OVERRIDE');
  if (overrides) layer.overrides = parseOverrides(overrides.split(/[\s,]+/).filter(Boolean));
  return layer;
}

/** `method=OUTCOME` specs (`--override`, repeatable); a later one for a method replaces an earlier one. */
export function parseOverrides(specs: readonly string[]): OutcomeOverride[] {
  const byMethod = new Map<string, OutcomeOverride>();
  for (const spec of specs) {
    try {
      const override = parseOverride(spec);
      byMethod.set(override.method, override);
    } catch (error) {
      if (error instanceof OverrideSpecError) throw new ConfigError(error.message);
      throw error;
    }
  }
  return [...byMethod.values()];
}

/** `overrides` with `added` on top: one override per method, the added one winning. */
function withOverrides(overrides: readonly OutcomeOverride[] | undefined, added: readonly OutcomeOverride[]): OutcomeOverride[] {
  const kept = (overrides ?? []).filter((o) => !added.some((a) => a.method === o.method));
  return [...kept, ...added];
}

export function parseReporters(text: string): ReporterName[] {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of names) {
    if (!(REPORTERS as readonly string[]).includes(name)) {
      throw new ConfigError(`unknown reporter "${name}" (expected ${REPORTERS.join(', ')})`);
    }
  }
  return [...new Set(names)] as ReporterName[];
}

export function parseFailOn(text: string): FailOn {
  if ((FAIL_ON as readonly string[]).includes(text)) return text as FailOn;
  throw new ConfigError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not "${text}"`);
}

/** `id=level` pairs, later ones winning. */
export function parseRuleOverrides(specs: readonly string[]): Record<string, RuleLevel> {
  const rules: Record<string, RuleLevel> = {};
  for (const spec of specs) {
    const match = /^([a-z][a-z0-9-]*)=([a-z]+)$/.exec(spec.trim());
    if (!match || !(RULE_LEVELS as readonly string[]).includes(match[2]!)) {
      throw new ConfigError(`--rule "${spec}": expected id=${RULE_LEVELS.join('|')}`);
    }
    rules[match[1]!] = match[2] as RuleLevel;
  }
  return rules;
}

export function parsePositiveInt(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`${what} must be a positive whole number of ms, not "${text}"`);
  return n;
}

function defaultName(target: Pick<AuditTarget, 'url' | 'flow'>): string {
  return target.url ?? path.basename(target.flow ?? 'target');
}

function completeTarget(t: NonNullable<ConfigLayer['targets']>[number]): AuditTarget {
  const url = t.url ?? null;
  const flow = t.flow ?? null;
  if (url === null && flow === null) throw new ConfigError('a target needs a url, a flow, or both');
  if (url !== null && !/^(https?|file):/i.test(url)) throw new ConfigError(`target url "${url}" is not an http(s) or file URL`);
  return {
    name: t.name ?? defaultName({ url, flow }),
    url,
    flow,
    expectLean: t.expectLean ?? true,
    cspFile: t.cspFile ?? null,
    overrides: t.overrides ?? [],
  };
}

/**
 * Later layers win. A layer's `urls` replace the targets so far (each with the layer's
 * `flow`); a `flow` alone applies to every target so far, or is the one target when there is none.
 */
export function mergeLayers(layers: readonly ConfigLayer[], configFile: string | null): AuditConfig {
  const config: Omit<AuditConfig, 'targets' | 'configFile'> = { ...DEFAULTS, rules: {}, pathMap: {} };
  let targets: NonNullable<ConfigLayer['targets']> = [];
  /** Layer-wide overrides (file, environment, flags): every target gets them, over its own. */
  let everyTarget: OutcomeOverride[] = [];
  for (const layer of layers) {
    if (layer.targets) targets = layer.targets;
    if (layer.urls?.length) targets = layer.urls.map((url) => ({ url, flow: layer.flow ?? null }));
    else if (layer.flow !== undefined) {
      targets = targets.length ? targets.map((t) => ({ ...t, flow: layer.flow })) : [{ url: null, flow: layer.flow }];
    }
    // A layer's expectLean (the --no-expect-lean flag) applies to every target so far.
    if (layer.expectLean !== undefined) targets = targets.map((t) => ({ ...t, expectLean: layer.expectLean }));
    if (layer.overrides) everyTarget = withOverrides(everyTarget, layer.overrides);
    if (layer.reporters) config.reporters = layer.reporters;
    if (layer.outputDir !== undefined) config.outputDir = layer.outputDir;
    if (layer.failOn) config.failOn = layer.failOn;
    if (layer.rules) config.rules = { ...config.rules, ...layer.rules };
    if (layer.baseline !== undefined) config.baseline = layer.baseline;
    if (layer.timeout !== undefined) config.timeout = layer.timeout;
    if (layer.settleMs !== undefined) config.settleMs = layer.settleMs;
    if (layer.chromiumPath !== undefined) config.chromiumPath = layer.chromiumPath;
    if (layer.sandbox !== undefined) config.sandbox = layer.sandbox;
    if (layer.pathMap) config.pathMap = { ...config.pathMap, ...layer.pathMap };
  }
  if (targets.length === 0) throw new ConfigError(`nothing to audit: give a URL, a --flow, or targets in ${DEFAULT_CONFIG_FILE}`);
  const complete = targets.map(completeTarget).map((t) => ({ ...t, overrides: withOverrides(t.overrides, everyTarget) }));
  return { ...config, targets: complete, configFile };
}
