/**
 * The panel flags a redirect page that has not called `Lean.captureRedirect` once the rule's
 * grace (`CAPTURE_GRACE_MS`, SDK reference "Redirect flows") has passed since the page
 * opened. A run that ends sooner would miss it, so the audit waits out the grace of a
 * redirect page still waiting for its capture.
 */
import { CAPTURE_GRACE_MS, documents } from '../rules/session-rules';
import { redirectParams } from '../rules/redirect';
import type { SessionEvent } from '../model/types';

/** When the last grace of an uncaptured redirect page ends (epoch ms), or null when none waits. */
export function captureGraceEnds(events: readonly SessionEvent[]): number | null {
  let ends: number | null = null;
  for (const doc of documents(events)) {
    const start =
      doc.navigation && redirectParams(doc.navigation.url)
        ? doc.navigation.time
        : (doc.events.find((e) => redirectParams(e.frameUrl) !== null)?.time ?? null);
    if (start === null) continue;
    const captured = doc.events.some((e) => e.type === 'call' && e.method === 'captureRedirect' && e.time >= start);
    if (!captured) ends = Math.max(ends ?? 0, start + CAPTURE_GRACE_MS);
  }
  return ends;
}
