import type { CallRow } from '../../lib/session/pairing';
import type { Snapshot } from '../../lib/session/types';
import { clockTime, duration, OUTCOME_LABEL } from '../../lib/panel/format';

/** One call: what the page passed (redacted), where from, and what came back. */
export function Detail({ row }: { row: CallRow }) {
  const { call } = row;
  return (
    <section class="detail" aria-label={`Call ${call.method}`}>
      <h2>
        Lean.{call.method} <span class={`badge outcome-${row.outcome}`}>{OUTCOME_LABEL[row.outcome]}</span>
      </h2>
      <dl class="facts">
        <dt>Time</dt>
        <dd>{clockTime(call.time)}</dd>
        <dt>Frame</dt>
        <dd>{call.frameUrl}</dd>
        <dt>Call site</dt>
        <dd>{call.callsite ?? 'unknown'}</dd>
        {row.correlationId && (
          <>
            <dt>Correlation ID</dt>
            <dd class="correlation-id">{row.correlationId}</dd>
          </>
        )}
      </dl>
      <h3>Config</h3>
      <Json value={call.config} label="config" />
      {row.error && (
        <>
          <h3>Thrown</h3>
          <p class="thrown">{row.error.message}</p>
        </>
      )}
      {row.callbacks.map((callback, i) => (
        <div key={callback.id}>
          <h3>
            Callback{row.callbacks.length > 1 ? ` ${i + 1}` : ''} after {duration(callback.durationMs)}
          </h3>
          <Json value={callback.data} label="callback data" />
        </div>
      ))}
      {row.callbacks.length === 0 && !row.error && (
        <p class="muted">{row.outcome === 'pending' ? 'Waiting for the callback…' : 'No callback was passed: the page never learns the outcome.'}</p>
      )}
    </section>
  );
}

function Json({ value, label }: { value: Snapshot; label: string }) {
  return (
    <pre class="json" aria-label={label}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
