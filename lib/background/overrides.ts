/**
 * The outcome overrides panels set for their tabs (docs/overrides.md, "In the extension").
 * A tab has overrides only while a panel shows it: they end when its last panel disconnects
 * or its top document moves to another origin, and the tab's relays are told. Nothing is ever
 * sent to a tab no panel has set an override for, apart from the empty set that ends them.
 */
import type { ActiveOverride } from '../protocol';
import { type OutcomeOverride, overrideSpec, parseOverride } from '../model/outcomes';

export interface OverrideDeps {
  /** Sends the set to the tab's relays (one frame, or all of them). */
  send(tabId: number, active: ActiveOverride[], frameId?: number): void;
  /** Tells the tab's panels the set as it now stands. */
  notify(tabId: number, active: ActiveOverride[]): void;
}

interface TabOverrides {
  /** The origin of the top document the overrides were set on. */
  origin: string;
  byMethod: Map<string, ActiveOverride>;
}

export class OverrideKeeper {
  private readonly tabs = new Map<number, TabOverrides>();

  constructor(private readonly deps: OverrideDeps) {}

  active(tabId: number): ActiveOverride[] {
    return [...(this.tabs.get(tabId)?.byMethod.values() ?? [])];
  }

  /**
   * A panel sets (`spec`) or clears (null) the override of `method`; `tabUrl` is the tab's
   * URL now. A spec that does not parse, or names another method, is ignored.
   */
  set(tabId: number, tabUrl: string | undefined, method: string, spec: string | null, once: boolean): void {
    let tab = this.tabs.get(tabId);
    if (spec === null) {
      if (!tab?.byMethod.delete(method)) return;
    } else {
      const origin = originOf(tabUrl);
      let parsed: OutcomeOverride;
      try {
        parsed = parseOverride(spec, once);
      } catch {
        return;
      }
      if (origin === null || parsed.method !== method) return;
      if (!tab || tab.origin !== origin) {
        tab = { origin, byMethod: new Map() };
        this.tabs.set(tabId, tab);
      }
      tab.byMethod.set(method, { spec: overrideSpec(parsed), once });
    }
    this.changed(tabId);
  }

  /**
   * A panel subscribed to the tab. With none kept for it, the relays are told so: after the
   * browser stopped the background, the hooks would otherwise keep a set nobody shows.
   */
  panelAttached(tabId: number): void {
    if (!this.tabs.has(tabId)) this.deps.send(tabId, []);
  }

  /** The tab's last panel disconnected, or the tab closed: its overrides end. */
  end(tabId: number): void {
    if (!this.tabs.delete(tabId)) return;
    this.deps.send(tabId, []);
    this.deps.notify(tabId, []);
  }

  /** A top document started at `url`: on another origin the overrides end. */
  navigated(tabId: number, url: string): void {
    const tab = this.tabs.get(tabId);
    if (tab && originOf(url) !== tab.origin) this.end(tabId);
  }

  /** A relay started in the frame (its document on `tabUrl`): it gets the set, if any. */
  relayStarted(tabId: number, frameId: number, tabUrl: string | undefined): void {
    const tab = this.tabs.get(tabId);
    if (!tab) return;
    if (originOf(tabUrl) !== tab.origin) this.end(tabId);
    else this.deps.send(tabId, this.active(tabId), frameId);
  }

  /** The hook reported a call of `method`: a one-call override of it is used up. */
  called(tabId: number, method: string): void {
    const tab = this.tabs.get(tabId);
    if (!tab?.byMethod.get(method)?.once) return;
    tab.byMethod.delete(method);
    this.changed(tabId);
  }

  private changed(tabId: number): void {
    const active = this.active(tabId);
    if (active.length === 0) this.tabs.delete(tabId);
    this.deps.send(tabId, active);
    this.deps.notify(tabId, active);
  }
}

function originOf(url: string | undefined): string | null {
  try {
    const origin = url ? new URL(url).origin : 'null';
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}
