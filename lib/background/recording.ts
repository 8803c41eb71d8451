/**
 * Which tabs record. A tab records nothing until Lean or its loader is seen in it or a panel is
 * attached to it; from then on, until it closes, it keeps every navigation (docs/security.md, "Privacy").
 * Until then the background holds only the CSP header policies of the tab's current top-level
 * document, in memory, so the audit is right the moment Lean arrives or a panel opens; nothing
 * is written and nothing is audited for a navigation in a tab that does not record.
 *
 * A frame gets its relay only once it has to do with Lean (lib/relay/sentinel.ts), so in a
 * recording tab the background asks each new top-level document to record (the relay is
 * injected there); its sentinel answers with its document's start time, which tells a new
 * document from the one it replaces.
 */
import type { RecordAnswer } from '../protocol';
import type { CspPolicy } from '../model/types';

export interface RecordingDeps {
  /** Whether the tab has a stored session (it recorded before the background last stopped). */
  stored(tabId: number): Promise<boolean>;
  /** Applies a top-level document's header policies to the tab's session. */
  applyHeaders(tabId: number, url: string, policies: CspPolicy[]): Promise<void>;
  /** Asks the tab's top frame to record (lib/background/inject.ts); rejects when no sentinel is there (yet). */
  askTopFrame(tabId: number): Promise<RecordAnswer | undefined>;
  /** Runs `fn` after `ms`; `setTimeout` by default. */
  setTimer?(fn: () => void, ms: number): unknown;
}

/** Waits between asks while a new document's relay is not there yet (about 6 s in all). */
export const ASK_RETRY_MS = [25, 50, 100, 200, 400, 800, 1600, 3200];

/** Closed tabs remembered, the oldest forgotten first. */
const MAX_CLOSED_TABS = 1000;

interface DocumentHeaders {
  url: string;
  policies: CspPolicy[];
  /** When they arrived (ms since the epoch). */
  at: number;
}

export class RecordingTabs {
  private readonly recording = new Set<number>();
  /** Per tab, whether storage held its session when first asked in this background's life. */
  private readonly checked = new Map<number, Promise<boolean>>();
  private readonly current = new Map<number, DocumentHeaders>();
  /** Tabs that closed (ids are not reused), newest last, so a relay message arriving late stores nothing. */
  private readonly closed = new Set<number>();
  private readonly setTimer: (fn: () => void, ms: number) => unknown;

  constructor(private readonly deps: RecordingDeps) {
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  }

  async isRecording(tabId: number): Promise<boolean> {
    if (this.recording.has(tabId)) return true;
    let check = this.checked.get(tabId);
    if (!check) {
      check = this.deps.stored(tabId).catch(() => false);
      this.checked.set(tabId, check);
    }
    if (await check) this.recording.add(tabId);
    return this.recording.has(tabId);
  }

  /** A new top-level document's response headers (webRequest); `at`: when they arrived (ms since the epoch). */
  async documentHeaders(tabId: number, url: string, policies: CspPolicy[], at: number): Promise<void> {
    if (!(await this.isRecording(tabId))) {
      this.current.set(tabId, { url, policies, at });
      return;
    }
    void this.askUntilAnswered(tabId, at);
    await this.deps.applyHeaders(tabId, url, policies);
  }

  /**
   * The tab records from now on: a relay in it spoke, or a panel was attached. `askTopFrame`:
   * the top frame's relay may still be quiet (the relay that spoke was in a subframe, or a panel
   * asks), so it is asked to record. Resolves once the current document's headers are applied.
   */
  async start(tabId: number, options: { askTopFrame: boolean }): Promise<void> {
    const was = await this.isRecording(tabId);
    // The first ask is awaited: the top frame's navigation then comes before what a subframe sent.
    if (options.askTopFrame) await this.askUntilAnswered(tabId, 0);
    // Checked again: another start may have begun while this one waited.
    if (was || this.recording.has(tabId)) return;
    this.recording.add(tabId);
    const held = this.current.get(tabId);
    this.current.delete(tabId);
    if (!held) return;
    await this.deps.applyHeaders(tabId, held.url, held.policies);
    // The top frame may hold a newer document than the one whose relay spoke (the page navigated
    // while that relay was being injected): the held headers are that document's, so the top
    // frame is asked too. Where it is the document that spoke, its relay runs and nothing is injected.
    if (!options.askTopFrame) void this.askUntilAnswered(tabId, held.at);
  }

  /** The browser gave the tab a new id (see `SessionStore.move`). */
  move(fromTabId: number, toTabId: number): void {
    if (this.recording.delete(fromTabId)) this.recording.add(toTabId);
    const held = this.current.get(fromTabId);
    if (held) this.current.set(toTabId, held);
    this.forgetState(fromTabId);
  }

  /** The tab closed. */
  forget(tabId: number): void {
    this.recording.delete(tabId);
    this.forgetState(tabId);
    this.closed.add(tabId);
    if (this.closed.size > MAX_CLOSED_TABS) this.closed.delete(this.closed.values().next().value!);
  }

  /** Whether the tab closed: what its relays still send (the relay injected as it closed) is dropped. */
  isClosed(tabId: number): boolean {
    return this.closed.has(tabId);
  }

  private forgetState(tabId: number): void {
    this.checked.delete(tabId);
    this.current.delete(tabId);
  }

  /** Asks until the relay of a document started at `since` or later answers; resolves after the first ask. */
  private askUntilAnswered(tabId: number, since: number, attempt = 0): Promise<void> {
    const retry = (): void => {
      if (attempt < ASK_RETRY_MS.length && this.recording.has(tabId)) {
        this.setTimer(() => void this.askUntilAnswered(tabId, since, attempt + 1), ASK_RETRY_MS[attempt]!);
      }
    };
    return this.deps.askTopFrame(tabId).then((answer) => {
      if (!answer || !(answer.startedAt >= since)) retry();
    }, retry);
  }
}
