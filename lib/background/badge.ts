/**
 * The toolbar icon: a per-tab badge with the number of error findings plus failed
 * callbacks, and the summary the popup shows. Pure summary logic plus a small updater the
 * background wires to "a tab's session changed"; browser APIs sit behind `BadgeAction`.
 */
import type { PanelRequest, TabSession, TabSummary } from '../protocol';
import { buildRows } from '../model/pairing';
import { sessionFindings } from '../rules';

export function tabSummary(session: Pick<TabSession, 'events'>, now: number): TabSummary {
  let calls = 0;
  let failedCallbacks = 0;
  let errorFindings = 0;
  let loaderSeen = false;
  for (const row of buildRows(session.events)) {
    if (row.kind === 'event') {
      if (row.event.type === 'loader') loaderSeen = true;
      continue;
    }
    calls++;
    // ERROR (or a status the SDK does not document), or the method threw.
    if (row.outcome === 'error' || row.outcome === 'threw') failedCallbacks++;
    for (const f of row.call.findings ?? []) if (f.severity === 'error') errorFindings++;
  }
  for (const f of sessionFindings(session.events, now)) if (f.severity === 'error') errorFindings++;
  return { calls, failedCallbacks, errorFindings, loaderSeen };
}

/** `""` hides the badge; counts above 999 show as `999+`. */
export function badgeText(summary: TabSummary): string {
  const n = summary.errorFindings + summary.failedCallbacks;
  if (n <= 0) return '';
  return n > 999 ? '999+' : String(n);
}

export const BADGE_COLOR = '#c5221f';

export interface BadgeAction {
  setBadgeText(details: { tabId: number; text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void> | void;
}

export interface BadgePort {
  onMessage: { addListener(listener: (message: unknown) => void): void };
}

export interface BadgeUpdaterOptions {
  session(tabId: number): Promise<Pick<TabSession, 'events'>>;
  action: BadgeAction | undefined;
  clock(): number;
  /** Coalesces bursts of appends into one update per tab. */
  delayMs?: number;
  setTimer?(fn: () => void, ms: number): unknown;
}

export interface BadgeUpdater {
  /** The tab's session changed: refresh its badge soon. */
  changed(tabId: number): void;
  /** The popup's `tab-summary` answer. */
  summary(tabId: number): Promise<TabSummary>;
  /** Watches a panel port for `clear`, which empties a session outside the relay path. */
  watchPort(port: BadgePort): void;
  /** Refreshes now (tests, and the timer). */
  flush(tabId: number): Promise<void>;
}

export function createBadgeUpdater(options: BadgeUpdaterOptions): BadgeUpdater {
  const delay = options.delayMs ?? 150;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const scheduled = new Set<number>();

  const summary = async (tabId: number): Promise<TabSummary> => tabSummary(await options.session(tabId), options.clock());

  const flush = async (tabId: number): Promise<void> => {
    scheduled.delete(tabId);
    const action = options.action;
    if (!action) return;
    try {
      const text = badgeText(await summary(tabId));
      await action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR });
      await action.setBadgeText({ tabId, text });
    } catch {
      // The tab closed meanwhile: nothing to show.
    }
  };

  const changed = (tabId: number): void => {
    if (scheduled.has(tabId)) return;
    scheduled.add(tabId);
    setTimer(() => void flush(tabId), delay);
  };

  return {
    changed,
    summary,
    flush,
    watchPort(port) {
      let tabId: number | null = null;
      port.onMessage.addListener((message) => {
        const request = message as PanelRequest | null;
        if (request?.kind === 'subscribe' && Number.isInteger(request.tabId)) tabId = request.tabId;
        else if (request?.kind === 'clear' && tabId !== null) changed(tabId);
      });
    },
  };
}
