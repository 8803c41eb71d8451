/**
 * Which tabs record (lib/background/recording.ts): nothing is stored for a tab until Lean or
 * its loader is seen in it or a panel is attached; from then on, its navigations are kept. A
 * tab that does not record keeps only its current document's CSP headers, in memory.
 */
import { describe, expect, it } from 'vitest';
import { ASK_RETRY_MS, RecordingTabs } from '../../../lib/background/recording';
import { PanelHub } from '../../../lib/background/panel-hub';
import { handleDocumentHeaders, handleRelayMessage } from '../../../lib/background/relay-handler';
import { SessionStore } from '../../../lib/background/store';
import type { RecordAnswer } from '../../../lib/protocol';
import type { CspPolicy } from '../../../lib/model/types';
import { MemoryArea } from '../support/memory-area';

const TAB = 7;
const POLICY: CspPolicy[] = [{ source: 'header', disposition: 'enforce', text: "script-src 'self'" }];
const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
};

/** The background's wiring around one area; `answers` is what the top frame's relay says to each ask. */
function background(area = new MemoryArea(), answers: Array<RecordAnswer | Error> = []) {
  const store = new SessionStore(area);
  const hub = new PanelHub(store);
  const deps = { store, hub, clock: () => 50_000, randomId: () => 'n' };
  const asks: number[] = [];
  const timers: Array<() => void> = [];
  const recording = new RecordingTabs({
    stored: (tabId) => store.has(tabId),
    applyHeaders: (tabId, url, policies) => handleDocumentHeaders(tabId, url, policies, deps),
    askTopFrame: async (tabId) => {
      asks.push(tabId);
      const answer = answers.shift();
      if (answer instanceof Error || answer === undefined) throw answer ?? new Error('Could not establish connection.');
      return answer;
    },
    setTimer: (fn) => timers.push(fn),
  });
  /** What the background does with a relay message (entrypoints/background). */
  const relayMessage = async (message: Parameters<typeof handleRelayMessage>[1], frameId = 0) => {
    await recording.start(TAB, { askTopFrame: frameId !== 0 });
    await handleRelayMessage(TAB, message, deps);
  };
  return { area, store, recording, relayMessage, asks, timers };
}

describe('RecordingTabs', () => {
  it('remembers a closed tab, so what its relay sends late is dropped (tab ids are not reused)', () => {
    const { recording } = background();
    expect(recording.isClosed(TAB)).toBe(false);
    recording.forget(TAB);
    expect(recording.isClosed(TAB)).toBe(true);
  });

  it('stores nothing for navigations in a tab without Lean: the headers stay in memory', async () => {
    const bg = background();
    await bg.recording.documentHeaders(TAB, 'https://a.example/', POLICY, 1);
    await bg.recording.documentHeaders(TAB, 'https://b.example/', POLICY, 2);
    expect(bg.area.data.size).toBe(0);
    expect(bg.asks).toEqual([]);
  });

  it('when Lean appears, audits the current document with the headers it held and keeps its navigation', async () => {
    const bg = background();
    await bg.recording.documentHeaders(TAB, 'https://a.example/', [], 1);
    await bg.recording.documentHeaders(TAB, 'https://shop.example/', POLICY, 2);
    await bg.relayMessage({ kind: 'document-start', url: 'https://shop.example/', time: 3 });
    const session = await bg.store.session(TAB);
    expect(session.events.map((e) => (e.type === 'navigation' ? [e.url, e.time] : e.type))).toEqual([['https://shop.example/', 3]]);
    expect(session.csp?.policies).toEqual(POLICY);
  });

  it('once recording, keeps each new document: its headers are applied and its relay asked until one that started after them answers', async () => {
    const bg = background(new MemoryArea(), [{ startedAt: 5, relayed: false }, { startedAt: 100, relayed: false }]);
    await bg.relayMessage({ kind: 'document-start', url: 'https://shop.example/', time: 3 });
    await bg.recording.documentHeaders(TAB, 'https://other.example/', POLICY, 50);
    await settle();
    // The first answer came from the document being replaced (started at 5, before the headers at 50).
    expect(bg.asks).toEqual([TAB]);
    bg.timers.shift()!();
    await settle();
    expect(bg.asks).toEqual([TAB, TAB]);
    expect(bg.timers).toEqual([]);
    expect((await bg.store.session(TAB)).csp?.policies).toEqual(POLICY);
  });

  it('asks the top frame when the page navigated before the tab started recording: the newer document the held headers came from', async () => {
    const bg = background(new MemoryArea(), [{ startedAt: 60, relayed: false }]);
    await bg.recording.documentHeaders(TAB, 'https://shop.example/', [], 2);
    // The page moved on before the shop's relay spoke: the held headers are the next document's.
    await bg.recording.documentHeaders(TAB, 'https://next.example/', POLICY, 50);
    await bg.relayMessage({ kind: 'document-start', url: 'https://shop.example/', time: 3 });
    await settle();
    expect(bg.asks).toEqual([TAB]);
    expect(bg.timers).toEqual([]);
    expect((await bg.store.session(TAB)).csp?.policies).toEqual(POLICY);
  });

  it('asks the top frame at most once when the document that spoke still holds it (its relay runs: nothing more is injected)', async () => {
    const bg = background(new MemoryArea(), [{ startedAt: 3, relayed: true }]);
    await bg.recording.documentHeaders(TAB, 'https://shop.example/', POLICY, 2);
    await bg.relayMessage({ kind: 'document-start', url: 'https://shop.example/', time: 3 });
    await settle();
    expect(bg.asks).toEqual([TAB]);
    expect(bg.timers).toEqual([]);
  });

  it(`gives up asking after ${ASK_RETRY_MS.length} retries when no relay answers`, async () => {
    const bg = background();
    await bg.relayMessage({ kind: 'document-start', url: 'https://shop.example/', time: 3 });
    await bg.recording.documentHeaders(TAB, 'https://other.example/', [], 50);
    for (let i = 0; i < 20; i++) {
      await settle();
      bg.timers.shift()?.();
    }
    expect(bg.asks).toHaveLength(ASK_RETRY_MS.length + 1);
  });

  it('asks the top frame to record when Lean spoke in a subframe first', async () => {
    const bg = background(new MemoryArea(), [{ startedAt: 1, relayed: false }]);
    await bg.relayMessage({ kind: 'events', events: [], dropped: 1, refused: 0 }, 3);
    await settle();
    expect(bg.asks).toEqual([TAB]);
    expect(await bg.recording.isRecording(TAB)).toBe(true);
  });

  it('records a tab a panel is attached to, and asks its top frame to record', async () => {
    const bg = background(new MemoryArea(), [{ startedAt: 1, relayed: false }]);
    await bg.recording.documentHeaders(TAB, 'https://a.example/', POLICY, 1);
    await bg.recording.start(TAB, { askTopFrame: true });
    await settle();
    expect(bg.asks).toEqual([TAB]);
    expect((await bg.store.session(TAB)).csp?.policies).toEqual(POLICY);
  });

  it('after a background restart, a tab with a stored session still records', async () => {
    const first = background();
    await first.relayMessage({ kind: 'document-start', url: 'https://shop.example/', time: 3 });
    const restarted = background(first.area, [{ startedAt: 60, relayed: false }]);
    await restarted.recording.documentHeaders(TAB, 'https://other.example/', POLICY, 50);
    await settle();
    expect(restarted.asks).toEqual([TAB]);
    expect((await restarted.store.session(TAB)).csp?.policies).toEqual(POLICY);
  });

  it('forgets a closed tab: a new tab with its id starts quiet', async () => {
    const bg = background();
    await bg.recording.start(TAB, { askTopFrame: false });
    bg.recording.forget(TAB);
    await bg.store.remove(TAB);
    expect(await bg.recording.isRecording(TAB)).toBe(false);
  });
});
