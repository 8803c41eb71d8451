import { describe, expect, it } from 'vitest';
import { connectLiveSession, type PanelPortLike } from '../../../lib/panel/live-session';
import type { PanelRequest, PanelUpdate, TabSession } from '../../../lib/protocol';
import type { SessionEvent } from '../../../lib/model/types';
import { call } from '../support/events';

function tabSession(events: SessionEvent[], earlierEvents?: number): TabSession {
  return { tabId: 1, url: 'https://shop.example/', title: '', events, droppedEvents: 0, refusedMessages: 0, csp: null, ...(earlierEvents ? { earlierEvents } : {}) };
}

function append(events: SessionEvent[]): PanelUpdate {
  return { kind: 'append', events, droppedEvents: 0, refusedMessages: 0, csp: null };
}

/** A live session over a fake port; `paint()` runs what waits for the next frame. */
function harness() {
  let deliver: (message: unknown) => void = () => {};
  const sent: PanelRequest[] = [];
  const port: PanelPortLike = {
    postMessage: (m) => sent.push(m),
    onMessage: { addListener: (fn) => (deliver = fn) },
    onDisconnect: { addListener: () => {} },
    disconnect: () => {},
  };
  const seen: { ids: string[]; replaced: boolean }[] = [];
  const frames: (() => void)[] = [];
  connectLiveSession({
    tabId: 1,
    connect: () => port,
    onSession: (session, replaced) => seen.push({ ids: session.events.map((e) => e.id), replaced }),
    afterPaint: (fn) => frames.push(fn),
    setTimer: () => undefined,
  });
  return {
    sent,
    seen,
    receive: (update: PanelUpdate) => deliver(update),
    paint: () => {
      for (const fn of frames.splice(0)) fn();
    },
  };
}

describe('connectLiveSession', () => {
  it('subscribes to its tab on connecting', () => {
    expect(harness().sent).toEqual([{ kind: 'subscribe', tabId: 1 }]);
  });

  it('shows the newest events of a long session, then the whole session once they are painted', () => {
    const h = harness();
    const [a, b, c] = [call(), call(), call()];
    h.receive({ kind: 'snapshot', session: tabSession([c], 2), whole: false });
    h.receive({ kind: 'snapshot', session: tabSession([a, b, c]), whole: true });
    expect(h.seen).toEqual([{ ids: [c.id], replaced: true }]);
    h.paint();
    expect(h.seen.at(-1)).toEqual({ ids: [a.id, b.id, c.id], replaced: true });
  });

  it('applies appends that arrive while the whole session waits for a frame after it, in order', () => {
    const h = harness();
    const [a, b, c] = [call(), call(), call()];
    h.receive({ kind: 'snapshot', session: tabSession([b], 1), whole: false });
    h.receive({ kind: 'snapshot', session: tabSession([a, b]), whole: true });
    h.receive(append([c]));
    h.paint();
    expect(h.seen.map((s) => s.ids)).toEqual([[b.id], [a.id, b.id], [a.id, b.id, c.id]]);
  });

  it('joins the parts of a whole session into one snapshot, applied once the newest events are painted', () => {
    const h = harness();
    const [a, b, c, d] = [call(), call(), call(), call()];
    const { events: _, ...rest } = tabSession([]);
    h.receive({ kind: 'snapshot', session: tabSession([c], 2), whole: false });
    h.receive({ kind: 'snapshot-part', events: [a, b], session: null });
    h.receive({ kind: 'snapshot-part', events: [c], session: rest });
    h.receive(append([d]));
    expect(h.seen.map((s) => s.ids)).toEqual([[c.id]]);
    h.paint();
    expect(h.seen).toEqual([
      { ids: [c.id], replaced: true },
      { ids: [a.id, b.id, c.id], replaced: true },
      { ids: [a.id, b.id, c.id, d.id], replaced: false },
    ]);
  });

  it('asks for the rest of a long session only once its newest events are painted', () => {
    const h = harness();
    h.receive({ kind: 'snapshot', session: tabSession([call()], 2), whole: false });
    expect(h.sent).toEqual([{ kind: 'subscribe', tabId: 1 }]);
    h.paint();
    expect(h.sent).toEqual([{ kind: 'subscribe', tabId: 1 }, { kind: 'rest' }]);
  });

  it('does not ask for the rest of a session that came whole', () => {
    const h = harness();
    h.receive({ kind: 'snapshot', session: tabSession([call()]), whole: true });
    h.paint();
    expect(h.sent).toEqual([{ kind: 'subscribe', tabId: 1 }]);
  });

  it('drops an appended event it already holds', () => {
    const h = harness();
    const [a, b] = [call(), call()];
    h.receive({ kind: 'snapshot', session: tabSession([a]), whole: true });
    h.receive(append([a, b]));
    expect(h.seen.at(-1)).toEqual({ ids: [a.id, b.id], replaced: false });
  });
});
