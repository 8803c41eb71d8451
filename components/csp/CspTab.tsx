import type { Signal } from '@preact/signals';
import type { CspViewInput } from '../../lib/panel/csp/model';
import { CspView } from './CspView';
import type { CspCopyFn } from './CspView';
import './csp.css';

interface Props {
  session: CspViewInput | null;
  /** Whether the CSP view shows; owned by the panel, which also switches back to calls. */
  active: Signal<boolean>;
  copy?: CspCopyFn;
}

/**
 * The panel's "Calls | CSP" switch and, when CSP is chosen, the CSP view. Mounted by App with
 * one line; while the CSP view shows, csp.css hides the calls panes and filter bar (`:has`).
 */
export function CspTab({ session, active: activeView, copy }: Props) {
  const active = activeView.value;
  const blocked = session?.csp?.blocked.length ?? 0;
  return (
    <>
      <div class="csp-tabs" role="tablist" aria-label="Panel view">
        <button type="button" role="tab" id="tab-calls" aria-selected={!active} class={active ? '' : 'active'} onClick={() => (activeView.value = false)}>
          Calls
        </button>
        <button type="button" role="tab" id="tab-csp" aria-selected={active} class={active ? 'active' : ''} onClick={() => (activeView.value = true)}>
          CSP{blocked > 0 ? ` (${blocked} blocked)` : ''}
        </button>
      </div>
      {active && (
        <div class="csp-pane" role="tabpanel" aria-labelledby="tab-csp">
          <CspView session={session} copy={copy} />
        </div>
      )}
    </>
  );
}
