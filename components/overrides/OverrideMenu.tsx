import { useState } from 'preact/hooks';
import type { ActiveOverride } from '../../lib/protocol';
import { MAX_OVERRIDE_DELAY_S } from '../../lib/model/outcomes';
import { outcomeChoices, overrideSpecOf } from '../../lib/panel/override-choices';
import './overrides.css';

interface Props {
  /** The methods to offer: the SDK's, and any other the page called. */
  methods: readonly string[];
  active: readonly ActiveOverride[];
  onChange(method: string, spec: string | null, once: boolean): void;
}

const OUTCOMES = outcomeChoices();

/**
 * *Override next callback*: the page's next callback of a method gets the chosen outcome
 * instead of the SDK's (docs/overrides.md). Only for the tab this panel shows, and only while
 * a panel shows it.
 */
export function OverrideMenu({ methods, active, onChange }: Props) {
  const [method, setMethod] = useState(methods.includes('pay') ? 'pay' : (methods[0] ?? ''));
  const [outcome, setOutcome] = useState(OUTCOMES[0]!);
  const [delay, setDelay] = useState('');
  const [untilCleared, setUntilCleared] = useState(false);
  const spec = method ? overrideSpecOf(method, outcome, delay) : null;
  const methodOf = (o: ActiveOverride) => o.spec.slice(0, o.spec.indexOf('='));
  return (
    <details class={`override-menu${active.length ? ' override-active' : ''}`} id="override-menu">
      <summary title="Make the page’s callback get an outcome of your choice instead of the SDK’s">
        {active.length ? `Overrides (${active.length})` : 'Override next callback'}
      </summary>
      <div class="override-popup">
        <fieldset class="override-form">
          <legend>Override next callback</legend>
          <label>
            Method{' '}
            <select id="override-method" value={method} onChange={(e) => setMethod((e.currentTarget as HTMLSelectElement).value)}>
              {methods.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </label>
          <label>
            Outcome{' '}
            <select id="override-outcome" value={outcome} onChange={(e) => setOutcome((e.currentTarget as HTMLSelectElement).value)}>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {o === 'none' ? 'none (no callback)' : o}
                </option>
              ))}
            </select>
          </label>
          <label title={`Blank: when the SDK calls back; 0 to ${MAX_OVERRIDE_DELAY_S}: that many seconds after the call`}>
            after{' '}
            <input
              id="override-delay"
              class="override-delay"
              inputMode="decimal"
              placeholder="SDK"
              value={delay}
              disabled={outcome === 'none'}
              onInput={(e) => setDelay((e.currentTarget as HTMLInputElement).value)}
            />{' '}
            s
          </label>
          <label>
            <input type="checkbox" id="override-until" checked={untilCleared} onChange={(e) => setUntilCleared((e.currentTarget as HTMLInputElement).checked)} />{' '}
            until cleared
          </label>
          <button type="button" id="override-set" disabled={spec === null} onClick={() => spec && onChange(method, spec, !untilCleared)}>
            Set
          </button>
        </fieldset>
        {active.length > 0 && (
          <ul class="override-list" aria-label="Active overrides">
            {active.map((o) => (
              <li key={o.spec} data-spec={o.spec}>
                <code dir="auto">{o.spec}</code> <span class="muted">{o.once ? 'next call' : 'until cleared'}</span>{' '}
                <button type="button" class="override-clear" onClick={() => onChange(methodOf(o), null, o.once)}>
                  Clear
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}
