/**
 * The outcome coverage table (docs/overrides.md) as each format writes it. Methods and
 * statuses are page data: plain text goes through the terminal sanitiser, Markdown through the
 * support report's escaping.
 */
import { code } from '../../report/markdown';
import { printable } from '../../report/terminal';
import type { OutcomeCoverageRow } from '../../model/outcome-coverage';
import type { TargetReport } from '../report';

/** `SUCCESS, ERROR:INVALID_CREDENTIALS`, or `-` for none. */
function list(outcomes: readonly string[]): string {
  return outcomes.length ? outcomes.join(', ') : '-';
}

/** One line per method: `pay (2 calls): SDK SUCCESS; overridden ERROR:INVALID_CREDENTIALS; 0 unanswered`. */
export function coverageLine(row: OutcomeCoverageRow): string {
  return printable(
    `${row.method} (${row.calls} call${row.calls === 1 ? '' : 's'}): SDK ${list(row.real)}; overridden ${list(row.overridden)}; ${row.unanswered} unanswered`,
  );
}

/** The terminal's lines for a target: its overrides, then one line per method. */
export function coverageTerminal(target: TargetReport): string[] {
  if (target.outcomes.length === 0 && target.overrides.length === 0) return [];
  const lines = [`outcomes of ${printable(target.name)}${target.overrides.length ? ` (overrides: ${printable(target.overrides.join(' '))})` : ''}:`];
  for (const row of target.outcomes) lines.push(`  ${coverageLine(row)}`);
  return lines;
}

/** A Markdown table, for the step summary; `name` is the target's name as the summary writes it. */
export function coverageMarkdown(target: TargetReport, name: string): string[] {
  if (target.outcomes.length === 0) return [];
  const cell = (outcomes: readonly string[]) => (outcomes.length ? outcomes.map((o) => code(o, true)).join(', ') : '—');
  const lines = [
    '',
    `Outcome coverage: ${name}${target.overrides.length ? ` (overrides: ${target.overrides.map((o) => code(o, true)).join(', ')})` : ''}`,
    '',
    '| method | calls | answered by the SDK | overridden (synthetic, what the page got) | unanswered |',
    '|---|---|---|---|---|',
  ];
  for (const row of target.outcomes) {
    lines.push(`| ${code(row.method, true)} | ${row.calls} | ${cell(row.real)} | ${cell(row.overridden)} | ${row.unanswered} |`);
  }
  return lines;
}
