import type { ExportRequest } from '../../lib/report/export-shape';
import './report.css';

export interface ExportChoice {
  /** Export only the rows the filters show. */
  onlyFiltered: boolean;
  /** Keep customer name, risk_details and end-user fields (default: left out). */
  personalData: boolean;
}

/**
 * The choices next to Export. Personal data is left out by default: an export is made to be
 * sent to someone else (support), risk_details and the customer's name are not needed to
 * diagnose an integration, and the findings computed from them are already in the file.
 */
export const DEFAULT_EXPORT_CHOICE: ExportChoice = { onlyFiltered: false, personalData: false };

/** What to export, given the choice and the keys of the rows the timeline shows. */
export function exportRequest(choice: ExportChoice, shownKeys: () => readonly string[], filtering: boolean): ExportRequest {
  return { rowKeys: choice.onlyFiltered && filtering ? [...shownKeys()] : null, personalData: choice.personalData };
}

/** Two checkboxes: only the filtered rows (when a filter is on), and personal data. */
export function ExportOptions({ filtering, choice, onChange }: { filtering: boolean; choice: ExportChoice; onChange(change: Partial<ExportChoice>): void }) {
  return (
    <span class="export-options">
      <label title={filtering ? 'Export only the rows the filters show (a call keeps its callbacks and errors)' : 'Turn on a filter to export only its rows'}>
        <input
          type="checkbox"
          id="export-filtered"
          disabled={!filtering}
          checked={choice.onlyFiltered && filtering}
          onChange={(e) => onChange({ onlyFiltered: (e.currentTarget as HTMLInputElement).checked })}
        />
        only filtered rows
      </label>
      <label title="Customer name, risk_details and end-user fields; left out unless ticked">
        <input
          type="checkbox"
          id="export-personal"
          checked={choice.personalData}
          onChange={(e) => onChange({ personalData: (e.currentTarget as HTMLInputElement).checked })}
        />
        personal data
      </label>
    </span>
  );
}
