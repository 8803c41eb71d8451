import type { Ref } from 'preact';
import type { PanelFilters, SeverityFilter } from '../../lib/panel/filter';
import {
  isFiltering,
  OUTCOMES,
  resetFilters,
  SEVERITY_FILTERS,
  toggleMethod,
  toggleOutcome,
  toggleSecondaryStatus,
  toggleSeverity,
} from '../../lib/panel/filter';
import { count, OUTCOME_LABEL } from '../../lib/panel/format';
import { SEVERITY_ICON } from '../../lib/panel/describe';

interface Props {
  filters: PanelFilters;
  /** Methods seen in the session, in order of first call. */
  methods: readonly string[];
  /** Secondary statuses seen in the session (`INVALID_CREDENTIALS`), in order of first answer. */
  secondaryStatuses: readonly string[];
  shown: number;
  total: number;
  onChange(filters: PanelFilters): void;
  searchRef?: Ref<HTMLInputElement>;
}

const SEVERITY_LABEL: Record<SeverityFilter, string> = {
  error: 'errors',
  warning: 'warnings',
  info: 'info',
  none: 'no findings',
};

/**
 * Find anything: text over method, field names and values and correlation IDs, toggles
 * by method, outcome, secondary status and worst finding severity (none pressed = all shown).
 */
export function FilterBar({ filters, methods, secondaryStatuses, shown, total, onChange, searchRef }: Props) {
  // Toggles turned on in an earlier session stay visible so they can be turned off.
  const allMethods = [...methods, ...filters.methods.filter((m) => !methods.includes(m))];
  const allReasons = [...secondaryStatuses, ...filters.secondaryStatuses.filter((r) => !secondaryStatuses.includes(r))];
  return (
    <search class="filter-bar">
      <input
        ref={searchRef}
        id="filter-text"
        type="search"
        class="filter-text"
        placeholder="Filter: method, field, value, correlation ID  ( / )"
        aria-label="Filter rows by method, field name or value, or correlation ID"
        spellcheck={false}
        autocomplete="off"
        dir="auto"
        value={filters.text}
        onInput={(e) => onChange({ ...filters, text: (e.currentTarget as HTMLInputElement).value })}
      />
      <fieldset class="chip-group" aria-label="Outcome">
        {OUTCOMES.map((outcome) => (
          <button
            key={outcome}
            type="button"
            class={`chip outcome-chip outcome-${outcome}`}
            data-outcome={outcome}
            aria-pressed={filters.outcomes.includes(outcome)}
            onClick={() => onChange(toggleOutcome(filters, outcome))}
          >
            {OUTCOME_LABEL[outcome]}
          </button>
        ))}
      </fieldset>
      {allReasons.length > 0 && (
        <fieldset class="chip-group reasons" aria-label="Secondary status">
          {allReasons.map((reason) => (
            <button
              key={reason}
              type="button"
              class="chip reason-chip"
              data-secondary-status={reason}
              dir="auto"
              title={`Calls whose callback gave secondary_status ${reason}`}
              aria-pressed={filters.secondaryStatuses.includes(reason)}
              onClick={() => onChange(toggleSecondaryStatus(filters, reason))}
            >
              {reason}
            </button>
          ))}
        </fieldset>
      )}
      <fieldset class="chip-group" aria-label="Worst finding">
        {SEVERITY_FILTERS.map((severity) => (
          <button
            key={severity}
            type="button"
            class={`chip severity-chip sev-${severity}`}
            data-severity={severity}
            aria-pressed={filters.severities.includes(severity)}
            onClick={() => onChange(toggleSeverity(filters, severity))}
          >
            {severity !== 'none' && (
              <span class="chip-icon" aria-hidden="true">
                {SEVERITY_ICON[severity]}
              </span>
            )}
            {SEVERITY_LABEL[severity]}
          </button>
        ))}
      </fieldset>
      {allMethods.length > 0 && (
        <fieldset class="chip-group methods" aria-label="Method">
          {allMethods.map((method) => (
            <button
              key={method}
              type="button"
              class="chip method-chip"
              data-method={method}
              dir="auto"
              aria-pressed={filters.methods.includes(method)}
              onClick={() => onChange(toggleMethod(filters, method))}
            >
              {method}
            </button>
          ))}
        </fieldset>
      )}
      <span class="filter-count" aria-live="polite">
        {isFiltering(filters) || !filters.preserveLog ? `${count(shown)} of ${count(total)} rows` : ''}
      </span>
      {isFiltering(filters) && (
        <button type="button" class="link-button" id="reset-filters" onClick={() => onChange(resetFilters(filters))}>
          Reset filters
        </button>
      )}
    </search>
  );
}
