import type { Row } from '../../lib/session/pairing';
import { clockTime, duration, OUTCOME_LABEL } from '../../lib/panel/format';

interface Props {
  rows: Row[];
  selectedId: string | null;
  onSelect(id: string): void;
}

/** The session in time order: one line per call (with its outcome), one per other event. */
export function CallList({ rows, selectedId, onSelect }: Props) {
  return (
    <ol class="timeline" aria-label="Lean SDK calls">
      {rows.map((row) =>
        row.kind === 'call' ? (
          <li key={row.call.id} class={`row call outcome-${row.outcome}`} aria-selected={row.call.id === selectedId}>
            <button type="button" class="row-button" data-call-id={row.call.id} onClick={() => onSelect(row.call.id)}>
              <span class="time">{clockTime(row.call.time)}</span>
              <span class="method">{row.call.method}</span>
              <span class="outcome">{OUTCOME_LABEL[row.outcome]}</span>
              <span class="duration">{row.callbacks[0] ? duration(row.callbacks[0].durationMs) : ''}</span>
              <span class="correlation">{row.correlationId ?? ''}</span>
            </button>
          </li>
        ) : (
          <li key={row.event.id} class={`row event event-${row.event.type}`}>
            <span class="time">{clockTime(row.event.time)}</span>
            <span class="event-text">{describeEvent(row.event)}</span>
          </li>
        ),
      )}
    </ol>
  );
}

function describeEvent(event: Extract<Row, { kind: 'event' }>['event']): string {
  switch (event.type) {
    case 'navigation':
      return `Navigated to ${event.url}`;
    case 'loader':
      return `Loader ${event.src}${event.region ? ` (${event.region})` : ''}${event.afterInteraction ? ', after a user action' : ''}`;
    case 'sdk':
      return event.state === 'hooked' ? `Lean found: ${event.detail}` : `Could not hook Lean: ${event.detail}`;
    case 'csp-violation':
      return `CSP blocked ${event.blockedURI} (${event.effectiveDirective}, ${event.disposition})`;
  }
}
