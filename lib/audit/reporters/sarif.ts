/**
 * SARIF 2.1.0 for code scanning. Every result has a physical location: the call site
 * (`file:line:column`, through `pathMap` when set) for config findings, the page for session
 * findings, the file that sets the CSP (`cspFile`, else the config file) for CSP findings.
 * `partialFingerprints` carry the finding's stable fingerprint. Baselined findings are kept,
 * with `baselineState: "unchanged"`.
 */
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { Severity } from '../../model/types';
import type { AuditReport } from '../report';

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

/** Repository-relative paths stay relative; URLs and absolute paths stay as they are. */
function artifactUri(uri: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri)) return uri;
  return uri.startsWith('/') ? `file://${encodeURI(uri)}` : encodeURI(uri.replace(/^\.\//, ''));
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
        messageText: `${f.message}${f.fix ? ` Fix: ${f.fix}` : ''} (${target.name})`,
        ruleId: f.ruleId,
        fileUri: artifactUri(f.location.uri),
        startLine: f.location.line ?? undefined,
        startColumn: f.location.column ?? undefined,
      });
      result.result.partialFingerprints = { 'leanDevtools/v1': f.fingerprint };
      if (f.baselined) result.result.baselineState = 'unchanged';
      result.result.properties = { target: target.name, kind: f.kind, field: f.field, method: f.method, source: f.source };
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
