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
import './filters.css';

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

interface PageTextChipsProps {
  label: string;
  /** `method` → `.methods`, `.method-chip`, `data-method`; `reason` → `data-secondary-status`. */
  kind: 'method' | 'reason';
  values: readonly string[];
  pressed: readonly string[];
  title?(value: string): string;
  onToggle(value: string): void;
}

/** Toggles named by page text (methods, secondary statuses): text with dir=auto; none when there are none. */
function PageTextChips({ label, kind, values, pressed, title, onToggle }: PageTextChipsProps) {
  if (values.length === 0) return null;
  const data = kind === 'method' ? 'data-method' : 'data-secondary-status';
  return (
    <fieldset class={`chip-group ${kind === 'method' ? 'methods' : 'reasons'}`} aria-label={label}>
      {values.map((value) => (
        <button
          key={value}
          type="button"
          class={`chip ${kind}-chip`}
          {...{ [data]: value }}
          dir="auto"
          title={title?.(value)}
          aria-pressed={pressed.includes(value)}
          onClick={() => onToggle(value)}
        >
          {value}
        </button>
      ))}
    </fieldset>
  );
}

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
      <PageTextChips
        label="Secondary status"
        kind="reason"
        values={allReasons}
        pressed={filters.secondaryStatuses}
        title={(reason) => `Calls whose callback gave secondary_status ${reason}`}
        onToggle={(reason) => onChange(toggleSecondaryStatus(filters, reason))}
      />
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
      <PageTextChips label="Method" kind="method" values={allMethods} pressed={filters.methods} onToggle={(method) => onChange(toggleMethod(filters, method))} />
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
