/**
 * SARIF 2.1.0 for code scanning. Every result has a physical location: the call site
 * (`file:line:column`, through `pathMap` when set) for config findings, the page for session
 * findings, the file that sets the CSP (`cspFile`, else the config file) for CSP findings.
 * `partialFingerprints` carry the finding's stable fingerprint. Baselined findings are kept,
 * with `baselineState: "unchanged"`.
 */
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { Severity } from '../../model/types';
import { wellFormed } from '../../report/terminal';
import type { AuditReport } from '../report';

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * Repository-relative paths stay relative; URLs and absolute paths stay as they are. Page text
 * reaches this only as a web address or a path `mapLocation` kept inside its folder; lone
 * surrogates are replaced first, so `encodeURI` cannot throw.
 */
function artifactUri(uri: string): string {
  const text = wellFormed(uri);
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) return uriReference(text);
  return text.startsWith('/') ? `file://${encodeURI(text)}` : encodeURI(text.replace(/^\.\//, ''));
}

/** Characters RFC 3986 allows outside the host and as the fragment; a `%` must start an escape. */
const NOT_URI_CHAR = /%(?![0-9a-f]{2})|[^\w\-.~:/?@!$&'()*+,;=%]/giu;

/**
 * A URL as the browser wrote it, made a valid URI reference: whatever RFC 3986 does not allow
 * (spaces, controls, brackets outside an IPv6 host, a second `#`, a stray `%`) percent-encoded.
 */
function uriReference(url: string): string {
  const hash = url.indexOf('#');
  const body = hash === -1 ? url : url.slice(0, hash);
  const host = /^[a-z][a-z0-9+.-]*:\/\/\[[0-9a-f:.]+\]/i.exec(body)?.[0] ?? '';
  const encode = (part: string) => part.replace(NOT_URI_CHAR, (c) => encodeURIComponent(c));
  return host + encode(body.slice(host.length)) + (hash === -1 ? '' : `#${encode(url.slice(hash + 1))}`);
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
      result.result.properties = { target: target.name, kind: f.kind, field: f.field, method: f.method };
      run.addResult(result);
    }
  }
  const builder = new SarifBuilder();
  builder.addRun(run);
  return builder.buildSarifJsonString({ indent: true });
}
