import type { PanelRow } from '../../lib/panel/rows';
import type { TimeAxis } from '../../lib/panel/time-axis';
import { barOf, fractionAt } from '../../lib/panel/time-axis';
import { clockTime, duration, OUTCOME_LABEL, plural } from '../../lib/panel/format';
import { describeEvent, OUTCOME_HINT, SEVERITY_ICON } from '../../lib/panel/describe';
import { ROW_HEIGHT } from '../../lib/panel/list-nav';
import type { ColumnSpec } from '../../lib/panel/columns';

interface Props {
  item: PanelRow;
  index: number;
  axis: TimeAxis;
  now(): number;
  active: boolean;
  selected: boolean;
  /** The optional columns shown, between the correlation ID and the waterfall. */
  columns: readonly ColumnSpec[];
  onClick(key: string, event: MouseEvent): void;
}

const pct = (f: number) => `${(f * 100).toFixed(3)}%`;

/** One timeline row. Page-provided text is rendered as text with dir=auto. */
export function TimelineRow({ item, index, axis, now, active, selected, columns, onClick }: Props) {
  const flow = item.flow ? ` flow flow-${item.flow.position}` : '';
  const state = `${active ? ' active' : ''}${selected ? ' selected' : ''}${flow}`;
  const style = { top: `${index * ROW_HEIGHT}px`, height: `${ROW_HEIGHT}px` };
  const common = {
    id: `lean-row-${index}`,
    role: 'option' as const,
    'aria-selected': selected,
    'data-key': item.key,
    style,
    onClick: (event: MouseEvent) => onClick(item.key, event),
  };

  if (item.kind === 'event') {
    const event = item.row.event;
    const at = fractionAt(axis, item.start);
    return (
      <div {...common} class={`row event event-${event.type}${event.type === 'sdk' ? ` sdk-${event.state}` : ''}${state}`}>
        <span class="cell sev" aria-hidden="true">
          {event.type === 'navigation' ? '↻' : event.type === 'csp-violation' ? '⊘' : '•'}
        </span>
        <span class="cell time">{clockTime(item.start)}</span>
        <span class="cell event-text" dir="auto" title={describeEvent(event)}>
          {describeEvent(event)}
        </span>
        <span class="cell waterfall" aria-hidden="true">
          <span class={event.type === 'navigation' ? 'nav-line' : 'event-mark'} style={{ left: pct(at) }} />
        </span>
      </div>
    );
  }

  const { call, callbacks, error, correlationId } = item.row;
  const bar = barOf(item, axis, now);
  const findings = call.findings ?? [];
  const sevLabel = item.severity ? `${plural(findings.length, 'finding')}, worst: ${item.severity}` : 'No findings';
  const took = callbacks[0] ? duration(callbacks[0].durationMs) : error ? 'threw' : item.outcome === 'pending' ? '…' : '';
  const flowTag =
    item.flow?.position === 'end' ? `↩ ${item.flow.from}` : item.flow?.position === 'start' ? '→ bank' : null;
  const outcome = item.secondaryStatus ? `${OUTCOME_LABEL[item.outcome]} · ${item.secondaryStatus}` : OUTCOME_LABEL[item.outcome];
  // An outcome override: the SDK's outcome stays the row's, the page's is marked next to it.
  const override = callbacks.find((c) => c.override)?.override;

  return (
    <div {...common} class={`row call outcome-${item.outcome}${item.severity ? ` sev-${item.severity}` : ''}${override ? ' overridden' : ''}${state}`}>
      <span class={`cell sev${item.severity ? ` sev-${item.severity}` : ''}`} title={sevLabel} aria-label={sevLabel} role="img">
        {item.severity ? SEVERITY_ICON[item.severity] : ''}
      </span>
      <span class="cell time">{clockTime(call.time)}</span>
      <span class="cell method">
        <button type="button" class="row-button" tabIndex={-1} data-call-id={call.id} dir="auto">
          {call.method}
        </button>
        {flowTag && <span class="flow-tag">{flowTag}</span>}
      </span>
      <span class="cell outcome" dir="auto" title={item.secondaryStatus ? `${outcome}: ${OUTCOME_HINT[item.outcome]}` : OUTCOME_HINT[item.outcome]}>
        {outcome}
        {override && (
          <span class="override-mark" title={`Overridden: the SDK said ${outcome}, the page got ${override.outcome}`}>
            {' '}⇄ page got {override.outcome}
          </span>
        )}
      </span>
      <span class="cell duration">{took}</span>
      <span class="cell correlation" dir="auto" title={correlationId ?? undefined}>
        {correlationId ?? ''}
      </span>
      {columns.map((column) => {
        const value = column.value(item.row);
        return (
          <span key={column.id} class="cell extra" data-column={column.id} dir="auto" title={value || undefined}>
            {value}
          </span>
        );
      })}
      <span class="cell waterfall" aria-hidden="true">
        <span class={`bar${bar.open ? ' open' : ''}`} style={{ left: pct(bar.left), width: pct(bar.width) }} />
      </span>
    </div>
  );
}
