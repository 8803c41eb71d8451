/**
 * The panel's outcome coverage (docs/overrides.md): per method, which documented outcomes this
 * session has met, so an error path the page was never exercised against shows at a glance.
 */
import type { OutcomeCoverageRow } from '../model/outcome-coverage';
import { OUTCOME_STATUSES, type OutcomeStatus } from '../model/outcomes';

/** The documented statuses a method has met neither from the SDK nor through an override. */
export function unmetStatuses(row: Pick<OutcomeCoverageRow, 'real' | 'overridden'>): OutcomeStatus[] {
  const met = new Set([...row.real, ...row.overridden].map((outcome) => outcome.split(':')[0]));
  return OUTCOME_STATUSES.filter((status) => !met.has(status));
}
