// @vitest-environment happy-dom
/**
 * The sentinel of every frame (lib/relay/sentinel.ts): silent for a document without Lean,
 * wakes the background when Lean shows, and hands the relay everything it held, in order.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_HELD_VIOLATIONS, startSentinel, type Sentinel } from '../../../lib/relay/sentinel';
import { startRelay } from '../../../lib/relay/start';
import { PAGE_CHANNEL } from '../../../lib/protocol';
import type { RelayMessage } from '../../../lib/protocol';

const settle = () => new Promise((r) => setTimeout(r, 0));
const batch = JSON.stringify({
  v: 1,
  dropped: 0,
  events: [{ type: 'sdk', id: '1', time: 5_000, state: 'hooked', detail: 'Lean hooked' }],
});
const postBatch = () => document.dispatchEvent(new CustomEvent(PAGE_CHANNEL, { detail: batch, cancelable: true }));
const LOADER = 'https://cdn.leantech.me/link/loader/prod/ae/latest/lean-link-loader.min.js';

/** As the browser dispatches it (a page's own violations are not trusted). */
const violation = () =>
  Object.assign(new Event('securitypolicyviolation'), {
    isTrusted: true,
    blockedURI: 'https://x.example/',
    effectiveDirective: 'img-src',
    disposition: 'enforce',
    sourceFile: '',
    lineNumber: 0,
  });

let sentinel: Sentinel | undefined;
let stopRelay: (() => void) | undefined;
afterEach(() => {
  sentinel?.handOver();
  stopRelay?.();
  stopRelay = undefined;
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

/** A sentinel started at time 1,000, counting its requests for the relay. */
function watch(granted = true) {
  let now = 1_000;
  const requests = { count: 0 };
  sentinel = startSentinel(window, document, {
    requestRelay: async () => {
      requests.count++;
      return granted;
    },
    clock: () => now++,
  });
  return { sentinel, requests };
}

describe('sentinel: silent until Lean', () => {
  it('asks for nothing in a document without Lean, whatever the document does', async () => {
    const { requests } = watch();
    document.title = 'A shop';
    document.dispatchEvent(new Event('DOMContentLoaded'));
    document.dispatchEvent(violation());
    const script = document.createElement('script');
    script.src = 'https://shop.example/app.js';
    document.body.append(script);
    await settle();
    expect(requests.count).toBe(0);
  });

  it('cancels the hook’s batch (the hook keeps talking) and asks for the relay once', () => {
    const { requests } = watch();
    expect(postBatch()).toBe(false);
    postBatch();
    expect(requests.count).toBe(1);
  });

  it('asks again at the next wake when the relay was not granted, a few times at most', async () => {
    const { requests } = watch(false);
    for (let i = 0; i < 5; i++) {
      postBatch();
      await settle();
    }
    expect(requests.count).toBe(3);
  });

  it('stops listening once the extension is gone, so the hook goes quiet too', () => {
    sentinel = startSentinel(window, document, {
      requestRelay: () => {
        throw new Error('Extension context invalidated.');
      },
      clock: () => 1_000,
    });
    expect(postBatch()).toBe(false);
    expect(postBatch()).toBe(true);
  });

  it('asks for the relay when the browser blocks a Lean loader (its CSP violation), not for another blocked URL', () => {
    const { requests } = watch();
    document.dispatchEvent(violation());
    expect(requests.count).toBe(0);
    document.dispatchEvent(Object.assign(violation(), { blockedURI: LOADER, effectiveDirective: 'script-src-elem' }));
    expect(requests.count).toBe(1);
  });

  it('asks for the relay when a Lean loader fails to load', () => {
    const { requests } = watch();
    const script = document.createElement('script');
    script.src = LOADER;
    document.head.append(script);
    script.dispatchEvent(Object.assign(new Event('error'), { isTrusted: true }));
    expect(requests.count).toBe(1);
  });

  it('remembers when the user first interacted', () => {
    const { sentinel } = watch();
    window.dispatchEvent(Object.assign(new Event('pointerdown'), { isTrusted: true }));
    window.dispatchEvent(Object.assign(new Event('keydown'), { isTrusted: true }));
    expect(sentinel.handOver()!.firstInteractionAt).toBe(1_001);
  });

  it('knows when its document started, for the background’s record request', () => {
    expect(watch().sentinel.startedAt).toBe(1_000);
  });

  it('waits for a prerendered document to be activated before it asks', () => {
    Object.defineProperty(document, 'prerendering', { value: true, configurable: true });
    try {
      const { requests } = watch();
      postBatch();
      expect(requests.count).toBe(0);
      Object.defineProperty(document, 'prerendering', { value: false, configurable: true });
      document.dispatchEvent(new Event('prerenderingchange'));
      expect(requests.count).toBe(1);
    } finally {
      delete (document as { prerendering?: boolean }).prerendering;
    }
  });

  it(`holds at most ${MAX_HELD_VIOLATIONS} violations, the rest counted as lost`, () => {
    const { sentinel } = watch();
    for (let i = 0; i < MAX_HELD_VIOLATIONS + 5; i++) document.dispatchEvent(violation());
    const handover = sentinel.handOver()!;
    expect(handover.held).toHaveLength(MAX_HELD_VIOLATIONS);
    expect(handover.lost).toBe(5);
  });

  it('hands over once, and stops watching then (the relay watches from there)', () => {
    const { sentinel, requests } = watch();
    expect(sentinel.handOver()).not.toBeNull();
    expect(sentinel.handOver()).toBeNull();
    expect(postBatch()).toBe(true);
    expect(requests.count).toBe(0);
  });

  it('says whether a relay runs in its document (it handed over), so the background injects no second one', () => {
    const { sentinel } = watch();
    expect(sentinel.relayed).toBe(false);
    sentinel.handOver();
    expect(sentinel.relayed).toBe(true);
  });
});

describe('relay started from a sentinel', () => {
  it('sends the navigation stamped with when the document started, the loader found in the document, then what the page did before, in order', async () => {
    const { sentinel } = watch();
    document.dispatchEvent(violation());
    const script = document.createElement('script');
    script.src = LOADER;
    document.body.append(script);
    postBatch();
    const sent: RelayMessage[] = [];
    stopRelay = startRelay(window, document, {
      send: async (message) => {
        sent.push(message);
        return true;
      },
      clock: () => 9_000,
      randomId: () => 'doc',
      handover: sentinel.handOver(),
    });
    for (let i = 0; i < 5; i++) await settle();
    expect(sent[0]).toMatchObject({ kind: 'document-start', time: 1_000 });
    const events = sent.flatMap((m) => (m.kind === 'events' ? m.events : []));
    // The loader <script> is found in the document when the relay starts, and comes first.
    expect(events.map((e) => e.type)).toEqual(['loader', 'csp-violation', 'sdk']);
    expect(events[0]).toMatchObject({ type: 'loader', afterInteraction: false });
    expect(events[1]!.time).toBe(1_001);
  });
});
