import { signal } from '@preact/signals';
import type { CspViewInput } from '../../lib/panel/csp/model';
import { CspView } from './CspView';
import type { CspCopyFn } from './CspView';
import './csp.css';

/** Which view of the panel is showing; module state, so it survives the App re-rendering. */
export const cspTabActive = signal(false);

interface Props {
  session: CspViewInput | null;
  copy?: CspCopyFn;
}

/**
 * The panel's "Calls | CSP" switch and, when CSP is chosen, the CSP view. Mounted by App with
 * one line; while the CSP view shows, csp.css hides the calls panes and filter bar (`:has`).
 */
export function CspTab({ session, copy }: Props) {
  const active = cspTabActive.value;
  const blocked = session?.csp?.blocked.length ?? 0;
  return (
    <>
      <div class="csp-tabs" role="tablist" aria-label="Panel view">
        <button type="button" role="tab" id="tab-calls" aria-selected={!active} class={active ? '' : 'active'} onClick={() => (cspTabActive.value = false)}>
          Calls
        </button>
        <button type="button" role="tab" id="tab-csp" aria-selected={active} class={active ? 'active' : ''} onClick={() => (cspTabActive.value = true)}>
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
