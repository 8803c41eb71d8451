/**
 * SARIF 2.1.0 for code scanning. Every result has a physical location: the call site
 * (`file:line:column`, through `pathMap` when set) for config findings, the page for session
 * findings, the file that sets the CSP (`cspFile`, else the config file) for CSP findings; a
 * location that is a web address (not mapped) is written under `WEB_FOLDER`.
 * `partialFingerprints` carry the finding's stable fingerprint. Baselined findings are kept,
 * with `baselineState: "unchanged"`.
 */
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { Severity } from '../../model/types';
import { wellFormed } from '../../report/terminal';
import type { AuditReport } from '../report';

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * Where a result outside the repository is placed. GitHub code scanning refuses a whole upload
 * that has an `http(s):` location ("SARIF URI scheme did not match the checkout URI scheme") or
 * a result without a location, so a web address becomes a path under this folder, which no
 * repository has: `lean-devtools-web/shop.example_3000/js/app.js` (port after `_`, no query).
 * The address itself is in the result's `properties.url`. A page thereby names no repository file.
 */
export const WEB_FOLDER = 'lean-devtools-web';

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function webPath(url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  const origin = parsed?.host ? parsed.host.replace(/[:[\]]/g, '_') : (SCHEME.exec(url)?.[1] ?? 'page').toLowerCase();
  const segments = (parsed?.pathname ?? '').split('/').map(decodeSegment).filter((s) => s !== '' && s !== '.' && s !== '..');
  return [WEB_FOLDER, origin, ...segments].map((s) => encodeURIComponent(wellFormed(s))).join('/');
}

/**
 * Repository paths (`pathMap`'s, `cspFile`, the config file) stay as they are, percent-encoded;
 * web addresses become `webPath`s. Lone surrogates are replaced first, so `encodeURI` cannot throw.
 */
function artifactUri(uri: string): string {
  const text = wellFormed(uri);
  if (SCHEME.test(text)) return webPath(text);
  return text.startsWith('/') ? `file://${encodeURI(text)}` : encodeURI(text.replace(/^\.\//, ''));
}

export function sarifReport(report: AuditReport): string {
  const run = new SarifRunBuilder().initSimple({
    toolDriverName: report.tool.name,
    toolDriverVersion: report.tool.version,
  });
  for (const rule of report.rules) {
    run.addRule(new SarifRuleBuilder().initSimple({ ruleId: rule.id, shortDescriptionText: rule.description }));
  }
  for (const target of report.targets) {
    for (const f of target.findings) {
      const result = new SarifResultBuilder().initSimple({
        level: LEVEL[f.severity],
        messageText: wellFormed(`${f.message}${f.fix ? ` Fix: ${f.fix}` : ''} (${target.name})`),
        ruleId: f.ruleId,
        fileUri: artifactUri(f.location.uri),
        startLine: f.location.line ?? undefined,
        startColumn: f.location.column ?? undefined,
      });
      result.result.partialFingerprints = { 'leanDevtools/v1': f.fingerprint };
      if (f.baselined) result.result.baselineState = 'unchanged';
      result.result.properties = { target: target.name, kind: f.kind, field: f.field, method: f.method, source: f.source };
      if (SCHEME.test(f.location.uri)) result.result.properties.url = wellFormed(f.location.uri);
      run.addResult(result);
    }
  }
  // Outcome coverage (docs/overrides.md) is not a result: it goes in the run's property bag.
  run.run.properties = {
    outcomeCoverage: report.targets.map((t) => ({ target: t.name, overrides: t.overrides, outcomes: t.outcomes })),
  };
  const builder = new SarifBuilder();
  builder.addRun(run);
  return builder.buildSarifJsonString({ indent: true });
}
