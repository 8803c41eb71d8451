// @vitest-environment happy-dom
/**
 * A relay is quiet until its document has to do with Lean (lib/relay/start.ts): no message
 * leaves, so a page without Lean costs the background nothing and stores nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_QUIET_EVENTS, startRelay } from '../../../lib/relay/start';
import { PAGE_CHANNEL } from '../../../lib/protocol';
import type { RecordAnswer, RelayMessage } from '../../../lib/protocol';

const settle = () => new Promise((r) => setTimeout(r, 0));
const batch = JSON.stringify({
  v: 1,
  dropped: 0,
  events: [{ type: 'sdk', id: '1', time: 5_000, state: 'hooked', detail: 'Lean hooked' }],
});
const postBatch = () => document.dispatchEvent(new CustomEvent(PAGE_CHANNEL, { detail: batch, cancelable: true }));

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  document.body.innerHTML = '';
});

/** A relay started at time 1,000 whose sends are recorded; `ask` answers the background's record request. */
function relay() {
  const sent: RelayMessage[] = [];
  let ask: (() => RecordAnswer) | undefined;
  let now = 1_000;
  stop = startRelay(window, document, {
    send: async (message) => {
      sent.push(message);
      return true;
    },
    clock: () => now++,
    randomId: () => 'doc',
    onRecordRequest: (answer) => {
      ask = answer;
    },
  });
  return { sent, ask: () => ask!() };
}

describe('relay: quiet until Lean', () => {
  it('sends nothing for a document without Lean, not even its navigation or title', async () => {
    const { sent } = relay();
    document.title = 'A shop';
    document.dispatchEvent(new Event('DOMContentLoaded'));
    await settle();
    expect(sent).toEqual([]);
  });

  it('on the hook’s first batch, sends the navigation first, stamped with when the document started, then the rest in order', async () => {
    const { sent } = relay();
    document.dispatchEvent(new Event('DOMContentLoaded'));
    postBatch();
    await settle();
    await settle();
    await settle();
    expect(sent.map((m) => m.kind)).toEqual(['document-start', 'document-title', 'events']);
    expect(sent[0]).toMatchObject({ kind: 'document-start', time: 1_000 });
  });

  it('wakes when a Lean loader <script> is inserted', async () => {
    const { sent } = relay();
    const script = document.createElement('script');
    script.src = 'https://cdn.leantech.me/link/loader/prod/ae/latest/lean-link-loader.min.js';
    document.body.append(script);
    await settle();
    await settle();
    await settle();
    expect(sent.flatMap((m) => (m.kind === 'events' ? m.events.map((e) => e.type) : [m.kind]))).toEqual(['document-start', 'loader']);
  });

  it('wakes when the background asks it to record, and answers with when its document started', async () => {
    const relayed = relay();
    expect(relayed.ask()).toEqual({ startedAt: 1_000 });
    await settle();
    expect(relayed.sent.map((m) => m.kind)).toEqual(['document-start']);
  });

  it(`keeps at most ${MAX_QUIET_EVENTS} events while quiet, the rest counted as dropped`, async () => {
    const relayed = relay();
    for (let i = 0; i < MAX_QUIET_EVENTS + 5; i++) {
      document.dispatchEvent(
        // As the browser dispatches it (a page's own violations are not trusted).
        Object.assign(new Event('securitypolicyviolation'), {
          isTrusted: true,
          blockedURI: 'https://x.example/',
          effectiveDirective: 'img-src',
          disposition: 'enforce',
          sourceFile: '',
          lineNumber: 0,
        }),
      );
    }
    relayed.ask();
    for (let i = 0; i < 5; i++) await settle();
    const events = relayed.sent.flatMap((m) => (m.kind === 'events' ? [m] : []));
    expect(events.reduce((n, m) => n + m.events.length, 0)).toBe(MAX_QUIET_EVENTS);
    expect(events.reduce((n, m) => n + m.dropped, 0)).toBe(5);
  });
});
