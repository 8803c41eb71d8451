import { useEffect, useRef, useState } from 'preact/hooks';
import type { SessionEvent } from '../../lib/model/types';
import { outcomeCoverage } from '../../lib/model/outcome-coverage';
import { unmetStatuses } from '../../lib/panel/coverage';
import './status.css';

interface Props {
  events: readonly SessionEvent[];
}

function List({ outcomes }: { outcomes: readonly string[] }) {
  if (outcomes.length === 0) return <span class="muted">—</span>;
  return (
    <span class="mono" dir="auto">
      {outcomes.join(', ')}
    </span>
  );
}

/**
 * Per method, the outcomes this session met (from the SDK, and through overrides) and the
 * documented statuses it has not. Computed only while open: a closed one costs nothing per event.
 */
export function OutcomeCoverage({ events }: Props) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDetailsElement>(null);
  // The element's own `toggle` event (listened to directly: not every DOM names `ontoggle`).
  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const onToggle = () => setOpen(details.open);
    details.addEventListener('toggle', onToggle);
    return () => details.removeEventListener('toggle', onToggle);
  }, []);
  const rows = open ? outcomeCoverage(events) : [];
  return (
    <details class="status-details outcome-coverage" id="outcome-coverage" ref={ref}>
      <summary>Outcome coverage</summary>
      {open &&
        (rows.length === 0 ? (
          <p class="muted">No calls yet.</p>
        ) : (
          <table class="coverage-table">
            <thead>
              <tr>
                <th scope="col">Method</th>
                <th scope="col">Calls</th>
                <th scope="col">From the SDK</th>
                <th scope="col">Overridden</th>
                <th scope="col">Not met yet</th>
                <th scope="col">Unanswered</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.method}>
                  <th scope="row" class="mono" dir="auto">
                    {row.method}
                  </th>
                  <td>{row.calls}</td>
                  <td>
                    <List outcomes={row.real} />
                  </td>
                  <td>
                    <List outcomes={row.overridden} />
                  </td>
                  <td class="coverage-unmet">
                    <List outcomes={unmetStatuses(row)} />
                  </td>
                  <td>{row.unanswered}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </details>
  );
}
