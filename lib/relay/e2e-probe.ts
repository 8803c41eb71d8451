/**
 * Test builds only: answers a page's request for this tab's session (see `E2eRequest`).
 * The relay installs it under `import.meta.env.MODE === 'e2e'`, so the store build has none.
 */
import type { E2eProbeCommand, E2eRequest } from '../protocol';
import { E2E_REQUEST_EVENT, E2E_RESPONSE_EVENT } from '../protocol';

export function installE2eProbe(doc: Document, ask: (request: E2eRequest) => Promise<unknown>): void {
  doc.addEventListener(E2E_REQUEST_EVENT, (event) => {
    const command = (event as CustomEvent<E2eProbeCommand | null>).detail;
    const request: E2eRequest =
      command === 'open-options'
        ? { kind: 'e2e-open-options' }
        : command === 'open-panel'
          ? { kind: 'e2e-open-panel' }
          : command === 'stored-urls'
          ? { kind: 'e2e-stored-urls' }
          : { kind: 'e2e-session' };
    void ask(request).then((answer) =>
      doc.dispatchEvent(new CustomEvent(E2E_RESPONSE_EVENT, { detail: JSON.stringify(answer) })),
    );
  });
}
