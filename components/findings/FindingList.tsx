import type { Finding } from '../../lib/model/types';
import { SEVERITY_ICON } from '../../lib/panel/describe';
import { citeSource } from '../../lib/rules/sources';
import './findings.css';

interface Props {
  findings: readonly Finding[];
  /** Says what "no findings" means here. */
  empty: string;
  label: string;
}

/** Findings with their field, message, the rule's source and the fix. */
export function FindingList({ findings, empty, label }: Props) {
  if (findings.length === 0) {
    return (
      // The same labelled list as with findings (a <p> cannot carry a label), with one item.
      <ul class="findings" aria-label={label}>
        <li class="no-findings">
          <span class="ok-icon" aria-hidden="true">
            ✓
          </span>{' '}
          {empty}
        </li>
      </ul>
    );
  }
  return (
    <ul class="findings" aria-label={label}>
      {findings.map((f, i) => (
        <li key={`${f.code}:${f.field ?? ''}:${i}`} class={`finding sev-${f.severity}`} data-code={f.code}>
          <div class="finding-head">
            <span class="sev-icon" role="img" aria-label={f.severity}>
              {SEVERITY_ICON[f.severity]}
            </span>
            {f.field !== null && (
              <code class="finding-field" dir="auto">
                {f.field}
              </code>
            )}
            <span class="finding-message" dir="auto">
              {f.message}
            </span>
          </div>
          {f.fix && (
            <div class="finding-fix">
              <span class="finding-label">Fix</span> <span dir="auto">{f.fix}</span>
            </div>
          )}
          <div class="finding-source">
            <span class="finding-label">Rule</span> <code>{f.code}</code>
            {f.source ? <> · <RuleSource source={f.source} /></> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The rule's citation (lib/rules `citeSource`), linked to its first source when it has one. */
function RuleSource({ source }: { source: string }) {
  const { text, url } = citeSource(source);
  if (url === null) return <>{text}</>;
  return (
    <a class="finding-source-link" href={url} target="_blank" rel="noreferrer noopener" title={url}>
      {text}
    </a>
  );
}
