/**
 * Properties of the per-tab session store (lib/background/store.ts) over generated sequences of
 * operations (fast-check): appends of small and large events (some with ids already held,
 * some re-delivered relay messages), clears, restarts of the background, a storage area that
 * runs out of room. Whatever the sequence, a tab never holds more than its caps and nothing
 * goes silently: stored + dropped + refused duplicates = appended. Run counts are set per
 * property; together 150 generated sequences per `vitest run`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHUNK_SIZE, MAX_BYTES_PER_TAB, MAX_EVENTS_PER_TAB, SessionStore, type KeyValueArea } from '../../../lib/background/store';
import type { SessionEvent } from '../../../lib/model/types';
import { MemoryArea } from '../support/memory-area';

/** `storage.session` with a quota: a write that would pass it fails, as Chrome's does. */
class QuotaArea extends MemoryArea {
  constructor(private readonly quota: number) {
    super();
  }

  private used(): number {
    let total = 0;
    for (const [key, value] of this.data) total += key.length + value.length;
    return total;
  }

  override async set(items: Record<string, unknown>): Promise<void> {
    let after = this.used();
    for (const [key, value] of Object.entries(items)) {
      after += key.length + JSON.stringify(value).length - (this.data.has(key) ? key.length + this.data.get(key)!.length : 0);
    }
    if (after > this.quota) throw new Error('Session storage quota bytes exceeded. Values were not stored.');
    await super.set(items);
  }
}

type Op =
  | { kind: 'append'; count: number; payload: number; duplicates: number; dropped: number; refused: number; redeliver: boolean }
  | { kind: 'clear' }
  | { kind: 'restart' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({
        // A few events, or a flush of many small ones (towards the count cap), or some large
        // ones (towards the byte cap).
        shape: fc.oneof(
          fc.record({ count: fc.nat({ max: 20 }), payload: fc.nat({ max: 200 }) }),
          fc.record({ count: fc.integer({ min: 500, max: 3_000 }), payload: fc.nat({ max: 40 }) }),
          fc.record({ count: fc.integer({ min: 20, max: 300 }), payload: fc.integer({ min: 5_000, max: 20_000 }) }),
        ),
        duplicates: fc.nat({ max: 5 }),
        dropped: fc.nat({ max: 50 }),
        refused: fc.nat({ max: 5 }),
        redeliver: fc.boolean(),
      })
      .map(({ shape, ...rest }): Op => ({ kind: 'append', ...shape, ...rest })),
  },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: 'clear' }) },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: 'restart' }) },
);

interface Ledger {
  appended: number;
  reported: number;
  reportedDropped: number;
  duplicates: number;
}

/** What the generated sequences exercised, so a property cannot pass by never reaching a cap. */
const stats = { operations: 0, sequencesWithStoreDrops: 0, duplicatesRefused: 0, redeliveries: 0 };

async function run(ops: Op[], area: KeyValueArea): Promise<void> {
  const TAB = 7;
  let store = new SessionStore(area);
  let next = 0;
  let seq = 0;
  let ledger: Ledger = { appended: 0, reported: 0, reportedDropped: 0, duplicates: 0 };
  let storeDropped = false;
  let held: string[] = [];
  let lastIds: string[] = [];
  for (const o of ops) {
    if (o.kind === 'clear') {
      await store.clear(TAB);
      ledger = { appended: 0, reported: 0, reportedDropped: 0, duplicates: 0 };
    } else if (o.kind === 'restart') {
      store = new SessionStore(area);
    } else {
      const fresh: SessionEvent[] = Array.from({ length: o.count }, () => ({
        type: 'sdk',
        id: `e${++next}`,
        time: next,
        frameUrl: 'https://shop.example/',
        state: 'hooked',
        detail: 'x'.repeat(o.payload),
      }));
      // Ids the tab still holds, posted again by a page imitating the hook.
      const dupIds = o.duplicates > 0 ? held.slice(-o.duplicates) : [];
      const dups: SessionEvent[] = dupIds.map((id) => ({ type: 'sdk', id, time: 0, frameUrl: 'https://shop.example/', state: 'hooked', detail: 'dup' }));
      const delivery = { from: 'relay:', seq: ++seq };
      await store.append(TAB, [...fresh, ...dups], { dropped: o.dropped, refused: o.refused, delivery });
      ledger.appended += fresh.length;
      ledger.reported += o.dropped + o.refused;
      ledger.reportedDropped += o.dropped;
      ledger.duplicates += dups.length;
      stats.duplicatesRefused += dups.length;
      lastIds = fresh.map((e) => e.id);
      // The relay sends the same message again (its answer was lost): nothing changes.
      if (o.redeliver) {
        stats.redeliveries++;
        const before = await store.session(TAB);
        await store.append(TAB, [...fresh, ...dups], { dropped: o.dropped, refused: o.refused, delivery });
        expect(await store.session(TAB)).toEqual(before);
      }
    }
    stats.operations++;
    const session = await store.session(TAB);
    held = session.events.map((e) => e.id);
    if (session.droppedEvents > ledger.reportedDropped) storeDropped = true;
    const bytes = session.events.reduce((sum, e) => sum + JSON.stringify(e).length, 0);
    // Caps.
    expect(session.events.length).toBeLessThanOrEqual(MAX_EVENTS_PER_TAB);
    if (session.events.length > CHUNK_SIZE) expect(bytes).toBeLessThanOrEqual(MAX_BYTES_PER_TAB);
    // Nothing silent: every event appended since the last clear is stored or counted.
    expect(session.events.length + session.droppedEvents + session.refusedMessages).toBe(
      ledger.appended + ledger.reported + ledger.duplicates,
    );
    expect(session.refusedMessages).toBeGreaterThanOrEqual(ledger.duplicates);
    // What is dropped is the oldest: the stored events are in order and the newest is kept.
    const numbers = session.events.map((e) => Number(e.id.slice(1)));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    if (o.kind === 'append' && lastIds.length > 0 && session.events.length > 0) expect(held.at(-1)).toBe(lastIds.at(-1));
    // A restarted background reads back exactly what this one holds.
    if (o.kind !== 'append') expect(await new SessionStore(area).session(TAB)).toEqual(session);
  }
  expect(await new SessionStore(area).session(TAB)).toEqual(await store.session(TAB));
  if (storeDropped) stats.sequencesWithStoreDrops++;
}

const RUNS = 100;
const QUOTA_RUNS = 50;

describe('SessionStore over generated sequences', () => {
  it('never exceeds its caps and loses no event silently (100 sequences)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 20 }), (ops) => run(ops, new MemoryArea())),
      { numRuns: RUNS },
    );
    console.info('session store, no quota:', JSON.stringify(stats));
    expect(stats.sequencesWithStoreDrops).toBeGreaterThan(0);
    expect(stats.duplicatesRefused).toBeGreaterThan(0);
    expect(stats.redeliveries).toBeGreaterThan(0);
  }, 180_000);

  it('still loses no event silently when the storage area runs out of room (50 sequences)', async () => {
    Object.assign(stats, { operations: 0, sequencesWithStoreDrops: 0, duplicatesRefused: 0, redeliveries: 0 });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), fc.integer({ min: 400_000, max: 4_000_000 }), (ops, quota) =>
        run(ops, new QuotaArea(quota)),
      ),
      { numRuns: QUOTA_RUNS },
    );
    console.info('session store, with quota:', JSON.stringify(stats));
    expect(stats.sequencesWithStoreDrops).toBeGreaterThan(0);
  }, 180_000);
});
