import { describe, expect, it } from 'vitest';
import { githubStepSummary } from '../../../lib/audit/reporters/github';
import { junitReport } from '../../../lib/audit/reporters/junit';
import { coverageTerminal } from '../../../lib/audit/reporters/outcomes';
import { sarifReport } from '../../../lib/audit/reporters/sarif';
import { buildReport } from '../../../lib/audit/report';
import { validateSarif } from '../../fixtures/audit/formats';
import { sessionWithMistakes, target } from '../support/audit-fixtures';

const PAY = { method: 'pay', calls: 2, real: ['SUCCESS'], overridden: ['ERROR:INVALID_CREDENTIALS'], unanswered: 0 };
const HOSTILE = { method: 'connect', calls: 1, real: ['ERR\x1b[2J|<b>`x'], overridden: [], unanswered: 1 };

function report() {
  const session = sessionWithMistakes();
  return buildReport({
    tool: { name: 'lean-devtools', version: '0.1.0' },
    startedAt: 0,
    finishedAt: 1,
    failOn: 'error',
    rules: {},
    targets: [target('checkout', session, { overrides: ['pay=ERROR:INVALID_CREDENTIALS'], outcomes: [PAY, HOSTILE] })],
  });
}

describe('outcome coverage in every reporter', () => {
  it('terminal: one line per method, the SDK’s outcomes apart from the overridden ones, printable ASCII only', () => {
    const lines = coverageTerminal(report().targets[0]!);
    expect(lines[0]).toBe('outcomes of checkout (overrides: pay=ERROR:INVALID_CREDENTIALS):');
    expect(lines[1]).toBe('  pay (2 calls): SDK SUCCESS; overridden ERROR:INVALID_CREDENTIALS; 0 unanswered');
    expect(lines[2]).not.toContain('\x1b');
  });

  it('JUnit: the overrides and one outcomes property per method', () => {
    const xml = junitReport(report());
    expect(xml).toContain('<property name="override" value="pay=ERROR:INVALID_CREDENTIALS"/>');
    expect(xml).toContain('<property name="outcomes" value="pay (2 calls): SDK SUCCESS; overridden ERROR:INVALID_CREDENTIALS; 0 unanswered"/>');
    expect(xml).not.toContain('<b>');
  });

  it('SARIF: the table in the run’s property bag, still valid', () => {
    const sarif = JSON.parse(sarifReport(report()));
    expect(validateSarif(sarif)).toEqual([]);
    expect(sarif.runs[0].properties.outcomeCoverage).toEqual([
      { target: 'checkout', overrides: ['pay=ERROR:INVALID_CREDENTIALS'], outcomes: [PAY, HOSTILE] },
    ]);
  });

  it('step summary: a Markdown table per target, page text as code', () => {
    const md = githubStepSummary(report(), [null]);
    expect(md).toContain('| `pay` | 2 | `SUCCESS` | `ERROR:INVALID_CREDENTIALS` | 0 |');
    // In a code span (HTML is not rendered there), the pipe escaped so the row keeps its cells, no control character.
    expect(md).toContain('| `connect` | 1 | ``ERR [2J\\|<b>`x`` | — | 1 |');
    expect(md).not.toContain('\x1b');
  });
});
