/**
 * Page text as a hostile page writes it: strings that try to end a CDATA section, forge JUnit
 * testcases, carry characters XML forbids, break lines for the Actions runner, drive a
 * terminal, or become HTML and Markdown.
 */
import type { TabSession } from '../../../lib/protocol';
import { type AuditReport, buildReport } from '../../../lib/audit/report';
import { target } from './audit-fixtures';
import { call } from './events';

export const HOSTILE: readonly string[] = [
  'a]]>b]]><testcase name="forged"/>]]>]]>',
  ']]></system-out></testcase><testcase classname="x" name="forged"><failure message="forged"/></testcase><!--',
  '<testcase name="forged"/><?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]>&e;',
  'nul\u0000 bell\u0007 bs\u0008 vt\u000b ff\u000c esc\u001b[31m del\u007f nel\u0085 csi\u009b fffe\ufffe ffff\uffff',
  'lone \ud800 high, lone \udfff low, pair \ud83d\ude00 kept',
  'cr\rlf\ncrlf\r\n::error file=.github/workflows/ci.yml::forged\r::stop-commands::tok\n::add-mask::secret',
  '::error::at the start',
  '\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007 \u001b[2J\u001b[H clear',
  '<img src=x onerror=alert(1)></summary></details><script>alert(1)</script>',
  '[link](javascript:alert(1)) | a | b | **bold** `code` # heading <b>x</b> &amp; @someone',
  'bidi \u202eevil\u202c \u2066iso\u2069 ls\u2028ps\u2029',
];

/** A session whose one call has every hostile string as a config key, a permission, a customization key and a finding message. */
export function hostileSession(): TabSession {
  return {
    tabId: 1,
    url: 'https://shop.example/checkout',
    title: HOSTILE.join(' '),
    droppedEvents: 0,
    refusedMessages: 0,
    csp: null,
    events: HOSTILE.map((text, i) =>
      call({
        method: 'connect',
        callsite: `https://shop.example/js/${text}.js:${i + 1}:1`,
        config: { [text]: text, permissions: [text], customization: { [text]: text } },
        findings: [
          { code: 'unknown-field', severity: 'warning', field: text, message: `connect has no field ${text}`, source: 'ref', fix: `remove ${text}` },
          { code: 'missing-required', severity: 'error', field: `permissions.${text}`, message: `bad permission ${text}`, source: 'ref' },
        ],
      }),
    ),
  };
}

/** One target per hostile string (its name), each with the hostile session's findings, and one failed target. */
export function hostileReport(): AuditReport {
  const session = hostileSession();
  return buildReport({
    tool: { name: 'lean-devtools', version: '0.1.0' },
    startedAt: Date.UTC(2026, 11, 7, 12),
    finishedAt: Date.UTC(2026, 11, 7, 12) + 5000,
    failOn: 'error',
    rules: {},
    targets: [
      ...HOSTILE.map((name) => target(name, session)),
      target(HOSTILE[1]!, session, { status: 'failed', error: `flow threw: ${HOSTILE[5]}`, findings: [] }),
    ],
  });
}
