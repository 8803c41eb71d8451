import type { Snapshot } from '../../lib/model/types';
import { explainCallback } from '../../lib/rules';
import type { CallbackExplanation } from '../../lib/rules';
import { callbackFieldDoc } from '../../lib/panel/callback-fields';
import { ValueView } from './ValueView';

const BASIS_NOTE = {
  reference: '',
  inferred: ' (inferred from the code’s name; not in the SDK reference)',
  unknown: ' (not documented in the SDK reference)',
} as const;

/** Field rows: top-level fields, and one level into objects (`bank.is_supported`). */
function fieldRows(data: Snapshot): [string, Snapshot][] {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return [];
  const rows: [string, Snapshot][] = [];
  for (const key of Object.keys(data)) {
    const value = data[key]!;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const sub of Object.keys(value)) rows.push([`${key}.${sub}`, value[sub]!]);
      if (Object.keys(value).length === 0) rows.push([key, value]);
    } else rows.push([key, value]);
  }
  return rows;
}

function meaningOf(path: string, explanation: CallbackExplanation): string {
  if (path === 'status') return `${explanation.title}: ${explanation.meaning}`;
  if (path === 'secondary_status' && explanation.secondary) {
    return explanation.secondary.meaning;
  }
  if (path === 'user_exit_intent' && explanation.exitIntent) return explanation.exitIntent.meaning;
  const doc = callbackFieldDoc(path);
  return doc ? doc.meaning : 'Not in the SDK reference’s CallbackData table.';
}

/** CallbackData in plain words: what happened, what to do, and what each field means. */
export function CallbackView({ data }: { data: Snapshot }) {
  const explanation = explainCallback(data);
  const rows = fieldRows(data);
  return (
    <div class={`callback-view basis-${explanation.basis}`}>
      <div class="explanation" data-status={explanation.status}>
        <p class="explanation-title">
          <strong>{explanation.title}</strong>
          {explanation.basis !== 'reference' && <span class="muted">{BASIS_NOTE[explanation.basis]}</span>}
        </p>
        <p dir="auto">{explanation.meaning}</p>
        <p class="next-step">
          <span class="finding-label">Next</span> <span dir="auto">{explanation.nextStep}</span>
        </p>
        {explanation.secondary && (
          <p class="secondary">
            <span class="finding-label">For</span> <code dir="auto">{explanation.secondary.code}</code>:{' '}
            <span dir="auto">{explanation.secondary.nextStep}</span>
          </p>
        )}
        {explanation.exitIntent && explanation.status !== 'CANCELLED' && (
          <p class="secondary">
            <span class="finding-label">For</span> <code dir="auto">{explanation.exitIntent.code}</code>:{' '}
            <span dir="auto">{explanation.exitIntent.nextStep}</span>
          </p>
        )}
      </div>
      {rows.length > 0 ? (
        <table class="fields" aria-label="Callback fields">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Value</th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([path, value]) => (
              <tr key={path} data-field={path}>
                <th scope="row">
                  <code dir="auto">{path}</code>
                </th>
                <td>
                  <ValueView value={value} />
                </td>
                <td dir="auto">{meaningOf(path, explanation)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">The callback received no fields.</p>
      )}
    </div>
  );
}
