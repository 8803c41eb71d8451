// @vitest-environment happy-dom
/**
 * Delivery from the relay to the background under generated faults (fast-check): the relay
 * (lib/relay/start.ts) in a DOM, the background's handler and session store behind a
 * transport that fails the way Chrome's and Firefox's do when the service worker or event
 * page is stopped: the message never arrives ("Receiving end does not exist"), arrives but
 * the answer is lost (Chrome's promise then resolves with nothing), or the document is moved
 * into the back/forward cache. Whatever the faults, every event the page posted is stored
 * exactly once, in order, and the document's navigation once. 300 generated runs per
 * `vitest run`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startRelay } from '../../../lib/relay/start';
import { PAGE_CHANNEL } from '../../../lib/protocol';
import type { RelayMessage } from '../../../lib/protocol';
import { SessionStore } from '../../../lib/background/store';
import { PanelHub } from '../../../lib/background/panel-hub';
import { handleRelayMessage } from '../../../lib/background/relay-handler';
import { MemoryArea } from '../support/memory-area';

type Fault = 'never-arrives' | 'answer-lost' | 'no-answer' | 'bfcache';
const FAULT_ERRORS: Record<Exclude<Fault, 'answer-lost' | 'no-answer'>, string> = {
  'never-arrives': 'Could not establish connection. Receiving end does not exist.',
  bfcache: 'The page keeping the extension port is moved into back/forward cache, so the message channel is closed.',
};

/**
 * One entry per message the relay will send: the faults its attempts meet before one
 * succeeds (fewer than the relay's retry budget, so none is given up).
 */
const faultsPerMessage = fc.array(
  fc.array(fc.constantFrom<Fault>('never-arrives', 'answer-lost', 'no-answer', 'bfcache'), { maxLength: 6 }),
  { maxLength: 40 },
);

/** What the page does: post a batch of `n` events, or let `ms` pass. */
const action = fc.oneof(
  fc.record({ kind: fc.constant('post' as const), n: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 300 }) }),
);

const stats = { runs: 0, faults: 0, answerLost: 0, events: 0 };
let stop: (() => void) | undefined;
afterEach(() => stop?.());

async function scenario(plan: Fault[][], actions: Array<{ kind: 'post'; n: number } | { kind: 'wait'; ms: number }>): Promise<void> {
  let now = 1_000;
  const timers: Array<{ at: number; fn: () => void }> = [];
  // Everything in flight settles through promise jobs (the area and the handler are async).
  const settle = async () => {
    for (let i = 0; i < 200; i++) await Promise.resolve();
  };
  const advance = async (ms: number) => {
    const until = now + ms;
    for (;;) {
      await settle();
      timers.sort((a, b) => a.at - b.at);
      const due = timers[0];
      if (!due || due.at > until) break;
      timers.shift();
      now = Math.max(now, due.at);
      due.fn();
    }
    now = until;
    await settle();
  };

  const store = new SessionStore(new MemoryArea());
  const hub = new PanelHub(store);
  let ids = 0;
  const deps = { store, hub, clock: () => now, randomId: () => `nav${++ids}` };
  const faults = plan.map((list) => [...list]);
  let message = 0;
  const TAB = 3;
  const send = async (m: RelayMessage): Promise<unknown> => {
    const pending = faults[message];
    const fault = pending?.shift();
    if (fault === undefined) {
      message++;
      await handleRelayMessage(TAB, m, deps);
      return true;
    }
    stats.faults++;
    if (fault === 'answer-lost') {
      stats.answerLost++;
      await handleRelayMessage(TAB, m, deps);
      return undefined;
    }
    if (fault === 'no-answer') return undefined;
    throw new Error(FAULT_ERRORS[fault]);
  };
  stop = startRelay(window, document, {
    send,
    clock: () => now,
    randomId: () => 'doc',
    setTimer: (fn, ms) => timers.push({ at: now + ms, fn }),
  });

  let posted = 0;
  const expected: string[] = [];
  for (const a of actions) {
    if (a.kind === 'wait') {
      await advance(a.ms);
      continue;
    }
    const events = Array.from({ length: a.n }, () => {
      const id = String(++posted);
      expected.push(`doc:${id}`);
      return { type: 'sdk', id, time: now, state: 'hooked', detail: `event ${id}` };
    });
    document.dispatchEvent(new CustomEvent(PAGE_CHANNEL, { detail: JSON.stringify({ v: 1, dropped: 0, events }), cancelable: true }));
  }
  // Let every retry run out.
  await advance(60_000);
  stop();
  stop = undefined;

  const session = await store.session(TAB);
  stats.runs++;
  stats.events += posted;
  // A relay runs only in a frame that woke (lib/relay/sentinel.ts): its navigation, once.
  expect(session.events.filter((e) => e.type === 'navigation')).toHaveLength(1);
  expect(session.events.filter((e) => e.type !== 'navigation').map((e) => e.id)).toEqual(expected);
  expect({ dropped: session.droppedEvents, refused: session.refusedMessages }).toEqual({ dropped: 0, refused: 0 });
}

describe('relay → background delivery under generated faults', () => {
  it('stores every posted event exactly once and in order, and the navigation once, whatever the transport loses (300 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(faultsPerMessage, fc.array(action, { minLength: 1, maxLength: 25 }), (plan, actions) => scenario(plan, actions)),
      { numRuns: 300 },
    );
    console.info('relay delivery:', JSON.stringify(stats));
    expect(stats.answerLost).toBeGreaterThan(0);
  }, 180_000);
});
