// @vitest-environment happy-dom
/**
 * The relay's side of the hook's lifecycle (lib/relay/start.ts): it tells the hook a batch
 * arrived, keeps going through a failed message, and goes quiet only when the extension
 * context is gone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startRelay } from '../../../lib/relay/start';
import { PAGE_CHANNEL } from '../../../lib/protocol';
import type { RelayMessage } from '../../../lib/protocol';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjdXN0b21lci0xIn0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi1hdC1sZWFzdC0zMg';

const call = (id: string) =>
  JSON.stringify({
    v: 1,
    dropped: 0,
    events: [{ type: 'call', id, time: 1, method: 'connect', config: {}, findings: [], callsite: null }],
  });

/** Dispatches a page batch as the hook does; true when nobody cancelled it. */
const post = (detail: string): boolean => document.dispatchEvent(new CustomEvent(PAGE_CHANNEL, { detail, cancelable: true }));

const settle = () => new Promise((r) => setTimeout(r, 0));

let stop: (() => void) | undefined;
afterEach(() => stop?.());

function relay(send: (message: RelayMessage) => Promise<unknown>) {
  stop = startRelay(window, document, { send, clock: () => 1_000, randomId: () => 'doc' });
}

describe('relay: the hook’s lifecycle', () => {
  it('cancels each page batch it receives, which tells the hook someone is listening', () => {
    relay(async () => true);
    expect(post(call('1'))).toBe(false);
  });

  it('keeps relaying after the background refused one message', async () => {
    const sent: RelayMessage[] = [];
    let fail = true;
    relay(async (message) => {
      if (message.kind === 'events' && fail) {
        fail = false;
        throw new Error('QUOTA_BYTES quota exceeded');
      }
      sent.push(message);
      return true;
    });
    post(call('1'));
    await settle();
    expect(post(call('2'))).toBe(false);
    await settle();
    expect(sent.filter((m) => m.kind === 'events').flatMap((m) => (m.kind === 'events' ? m.events.map((e) => e.id) : []))).toEqual([
      'doc:2',
    ]);
  });

  it('stops, and stops cancelling, once the extension context is gone', async () => {
    let sends = 0;
    relay(async () => {
      sends++;
      throw new Error('Extension context invalidated.');
    });
    post(call('1'));
    await settle();
    const before = sends;
    expect(post(call('2'))).toBe(true);
    await settle();
    expect(sends).toBe(before);
  });

  it('redacts a token in the document title', async () => {
    const sent: RelayMessage[] = [];
    // The relay comes once the frame woke: a parsed document's title is sent at once.
    document.title = `Order for ${JWT}`;
    relay(async (message) => {
      sent.push(message);
      return true;
    });
    post(call('1'));
    await settle();
    const title = sent.find((m) => m.kind === 'document-title');
    expect(title).toMatchObject({ kind: 'document-title', title: expect.stringContaining('Order for [redacted jwt') });
    expect(JSON.stringify(sent)).not.toContain(JWT.split('.')[2]);
  });
});
