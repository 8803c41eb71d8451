import { afterEach, describe, expect, it, vi } from 'vitest';
import { Recorder } from '../../../lib/hook/recorder';
import type { PageBatch } from '../../../lib/protocol';

/** When set, the redaction functions the flush relies on throw (a bug, or an engine failure). */
const failing = vi.hoisted(() => ({ on: false }));

vi.mock('../../../lib/privacy/redact', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../lib/privacy/redact')>();
  const guard =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      if (failing.on) throw new Error('redaction failed');
      return fn(...args);
    };
  return {
    ...actual,
    redactStringBounded: guard(actual.redactStringBounded),
    redactSecretValue: guard(actual.redactSecretValue),
  };
});

afterEach(() => {
  failing.on = false;
});

function setup() {
  const posts: string[] = [];
  let pending: (() => void) | null = null;
  const recorder = new Recorder({
    post: (json) => {
      posts.push(json);
      return true;
    },
    schedule: (flush) => (pending = flush),
    clock: () => 1_000,
  });
  const flush = () => {
    pending?.();
    pending = null;
  };
  return { recorder, flush, posts };
}

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjdXN0b21lci0xIn0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi1hdC1sZWFzdC0zMg';
const APP_TOKEN = '7f3c2a1e-5b4d-4e6f-8a9b-0c1d2e3f4a5b';

describe('hook: a redaction that fails at flush', () => {
  it('sends the call with its config replaced by a marker, never the raw values', () => {
    const { recorder, flush, posts } = setup();
    recorder.call('connect', {
      app_token: APP_TOKEN,
      access_token: JWT,
      customer_id: 'customer-private-1',
      redirect: `https://shop.example/?code=${APP_TOKEN}`,
    });
    recorder.callback(recorder.call('pay', {})!, { access_token: JWT, note: 'customer-private-2' });
    failing.on = true;
    expect(flush).not.toThrow();
    const text = posts.join('\n');
    for (const raw of [APP_TOKEN, JWT, JWT.split('.')[2]!, 'customer-private-1', 'customer-private-2']) expect(text).not.toContain(raw);
    const events = posts.flatMap((p) => (JSON.parse(p) as PageBatch).events);
    expect(events.map((e) => e.type)).toEqual(['call', 'call', 'callback']);
    expect(events[0]).toMatchObject({ type: 'call', method: 'connect', config: '[unreadable]' });
    expect(events[2]).toMatchObject({ type: 'callback', data: '[unreadable]' });
  });

  it('goes back to redacting normally once redaction works again', () => {
    const { recorder, flush, posts } = setup();
    recorder.call('connect', { access_token: JWT });
    flush();
    expect(posts.join('')).toContain('[redacted access_token jwt');
    expect(posts.join('')).not.toContain(JWT);
  });
});
