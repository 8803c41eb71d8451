/**
 * Issue 14, points 4–8: what a hostile or old page does to the shared built-ins must not
 * let it patch them through us, double-encode our events, break the SDK's getters, read
 * our data through its accessors, or see a secret in what we record.
 *
 * Tests that install page accessors on `Object.prototype` run only the hook's code while
 * they are installed (collecting posts into a plain variable) and take them off before
 * asserting. Index setters on `Array.prototype` break Node itself: that case is in
 * test/e2e/patterns.e2e.ts, on a real page.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createInstrumenter } from '../../../lib/hook/instrument';
import { MAX_MESSAGE_CHARS, Recorder } from '../../../lib/hook/recorder';
import { redactStringBounded } from '../../../lib/privacy/redact';
import { acceptPageMessage } from '../../../lib/relay/accept';
import { RateLimiter } from '../../../lib/relay/rate-limit';
import type { HookEvent, PageBatch } from '../../../lib/protocol';

/** A real recorder and instrumenter; `flush` returns the raw batch texts posted. */
function setup() {
  let posted = '';
  let pending: (() => void) | null = null;
  const recorder = new Recorder({
    post: (json) => {
      // String concatenation only: no array is written while page accessors are installed.
      posted += (posted === '' ? '' : '\n') + json;
      return true;
    },
    schedule: (flush) => (pending = flush),
    clock: () => 1_000,
  });
  const instrumenter = createInstrumenter(recorder);
  const flush = (): string => {
    pending?.();
    pending = null;
    const out = posted;
    posted = '';
    return out;
  };
  return { recorder, instrumenter, flush };
}

function eventsOf(posted: string): HookEvent[] {
  return posted === '' ? [] : posted.split('\n').flatMap((line) => (JSON.parse(line) as PageBatch).events);
}

const b64url = (text: string) => Buffer.from(text).toString('base64url');
/** A JWT whose header and claims are readable once decoded. */
const JWT =
  b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'merchant-signing-key' })) +
  '.' +
  b64url(JSON.stringify({ sub: 'cust_123', email: 'someone@example.com', exp: 1795460400 })) +
  '.' +
  'c2lnbmF0dXJlLW9mLXRoZS10b2tlbi1hdC1sZWFzdC0zMg';
const JWT_HEADER = JWT.slice(0, JWT.indexOf('.'));

const restorers: (() => void)[] = [];
afterEach(() => {
  while (restorers.length) restorers.pop()!();
});

/** Defines `key` on `target` the way a page would, and takes it off after the test. */
function pagePatch(target: object, key: PropertyKey, desc: PropertyDescriptor): () => void {
  const before = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { configurable: true, ...desc });
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    if (before) Object.defineProperty(target, key, before);
    else delete (target as Record<PropertyKey, unknown>)[key];
  };
  restorers.push(restore);
  return restore;
}

describe('hook on a hostile page: built-in prototypes are never patched (issue 14 point 4)', () => {
  it('wraps a fixed Lean built on a built-in class (Map) on its own class only, and records no unrelated call', () => {
    const { instrumenter, flush } = setup();
    const mapSet = Map.prototype.set;
    const mapGet = Map.prototype.get;
    class LeanSdk extends Map<string, unknown> {
      connect(_config: unknown) {
        return 'connected';
      }
    }
    const raw = new LeanSdk();
    expect(instrumenter.instrumentInPlace(raw)).toBe(true);
    expect(Map.prototype.set).toBe(mapSet);
    expect(Map.prototype.get).toBe(mapGet);
    new Map().set('unrelated', 1);
    raw.set('own', 1);
    expect(raw.connect({ sandbox: true })).toBe('connected');
    const calls = eventsOf(flush()).filter((e) => e.type === 'call');
    expect(calls.map((e) => e.type === 'call' && e.method)).toEqual(['connect']);
  });

  it('records calls on the class’s prototype only when they are made on Lean, not on other instances', () => {
    const { instrumenter, flush } = setup();
    class LeanSdk extends Map<string, unknown> {
      connect() {
        return this.size;
      }
    }
    const raw = new LeanSdk();
    const other = new LeanSdk([['a', 1]]);
    instrumenter.instrumentInPlace(raw);
    expect(other.connect()).toBe(1);
    expect(raw.connect()).toBe(0);
    expect(eventsOf(flush()).filter((e) => e.type === 'call')).toHaveLength(1);
  });

  it('reports "could not be hooked" when only built-in methods could be wrapped, and patches none of them', () => {
    const { instrumenter, flush } = setup();
    class LeanSdk extends Map<string, unknown> {
      connect() {
        return 'ok';
      }
    }
    Object.freeze(LeanSdk.prototype);
    const mapSet = Map.prototype.set;
    const raw = new LeanSdk();
    expect(instrumenter.instrumentInPlace(raw)).toBe(false);
    expect(Map.prototype.set).toBe(mapSet);
    expect(raw.connect()).toBe('ok');
    const events = eventsOf(flush());
    expect(events.filter((e) => e.type === 'call')).toEqual([]);
    expect(events.find((e) => e.type === 'sdk')).toMatchObject({
      state: 'not-hookable',
      detail: expect.stringContaining('could not be hooked'),
    });
  });
});

describe('hook on a page with Prototype.js 1.6 (issue 14 point 5)', () => {
  it('never looks up toJSON: arrays and objects are encoded once and the relay accepts the batch', () => {
    const { instrumenter, flush } = setup();
    // What Prototype.js 1.6 does: toJSON returns the JSON text itself.
    pagePatch(Array.prototype, 'toJSON', { value: function (this: unknown[]) { return JSON.stringify([...this]); }, writable: true });
    pagePatch(Object.prototype, 'toJSON', { value: () => 'page toJSON', writable: true });
    const lean = instrumenter.expose({ connect(_config: unknown) {} }) as { connect(config: unknown): void };
    lean.connect({ customer_id: 'c-1', permissions: ['identity', 'accounts'], customization: { theme_color: '#000' } });
    const posted = flush();
    restorers.pop()!();
    restorers.pop()!();
    const [call] = eventsOf(posted).filter((e) => e.type === 'call');
    expect(call).toMatchObject({
      findings: [],
      config: { customer_id: 'c-1', permissions: ['identity', 'accounts'], customization: { theme_color: '#000' } },
    });
    const accepted = acceptPageMessage(posted.split('\n')[0], { idPrefix: 'd:', frameUrl: 'https://shop.example/', limiter: new RateLimiter(1e9, 1e9, () => 0) });
    expect(accepted.refused).toBe(0);
    expect(accepted.events.map((e) => e.type)).toEqual(['sdk', 'call']);
  });
});

describe('hook on a frozen SDK with #private fields (issue 14 point 6)', () => {
  class LeanSdk {
    #flows = 7;
    #language = 'en';
    constructor() {
      // An own method, then frozen: the SDK is exposed as a frozen copy.
      this.connect = () => ++this.#flows;
      Object.freeze(this);
    }
    connect: () => number;
    get flows() {
      return this.#flows;
    }
    get language() {
      return this.#language;
    }
    set language(value: string) {
      this.#language = value;
    }
  }

  it('keeps the class’s getters and setters working on the frozen copy', () => {
    const { instrumenter, flush } = setup();
    const lean = instrumenter.expose(new LeanSdk()) as LeanSdk;
    expect(Object.isFrozen(lean)).toBe(true);
    expect(lean.flows).toBe(7);
    expect(lean.connect()).toBe(8);
    expect(lean.flows).toBe(8);
    lean.language = 'ar';
    expect(lean.language).toBe('ar');
    expect(lean instanceof LeanSdk).toBe(true);
    expect(Object.keys(lean)).toEqual(['connect']);
    expect(eventsOf(flush()).filter((e) => e.type === 'call')).toHaveLength(1);
  });
});

describe('hook on a page with accessors on the shared prototypes (issue 14 point 7)', () => {
  it('builds redaction markers and property descriptors without reaching Object.prototype accessors', () => {
    const { instrumenter, flush } = setup();
    let reads = 0;
    let writes = 0;
    for (const key of ['last4', 'exp', 'sub']) {
      pagePatch(Object.prototype, key, {
        get() {
          reads++;
          return undefined;
        },
        set() {
          writes++;
        },
      });
    }
    pagePatch(Object.prototype, 'enumerable', {
      get() {
        reads++;
        return true;
      },
    });
    // In place: the wrappers are defined with descriptors.
    const raw = { connect(_config: unknown) {} };
    Object.defineProperty(raw, 'pay', { value() {}, writable: true, enumerable: false, configurable: true });
    instrumenter.instrumentInPlace(raw);
    raw.connect({ app_token: 'secret-app-token-0123456789', access_token: JWT });
    const posted = flush();
    while (restorers.length) restorers.pop()!();
    expect({ reads, writes }).toEqual({ reads: 0, writes: 0 });
    expect(Object.keys(raw)).toEqual(['connect']);
    const [call] = eventsOf(posted).filter((e) => e.type === 'call');
    expect(call).toMatchObject({
      config: {
        app_token: '[redacted app_token …6789]',
        access_token: '[redacted access_token jwt exp=2026-11-23T19:00:00Z sub=cust_123 …0zMg]',
      },
    });
  });
});

describe('hook: secrets in thrown messages (issue 14 point 8)', () => {
  it('redacts a thrown message before cutting it, so a JWT across the cut keeps neither header nor claims', () => {
    const { instrumenter, flush } = setup();
    const lean = instrumenter.expose({
      connect() {
        throw new Error('x'.repeat(MAX_MESSAGE_CHARS - 20) + ' token ' + JWT + ' rejected');
      },
    }) as { connect(): void };
    expect(() => lean.connect()).toThrow();
    const error = eventsOf(flush()).find((e) => e.type === 'call-error');
    expect(error?.type === 'call-error' && error.message).toBeTypeOf('string');
    const message = (error as Extract<HookEvent, { type: 'call-error' }>).message;
    expect(message).not.toContain('eyJ');
    expect(message).not.toContain(JWT_HEADER.slice(0, 12));
    expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS + 40);
  });

  it('redacts a JWT cut by the scanning window as a token', () => {
    // The payload alone is longer than what is scanned past the cut.
    const hugeJwt = JWT_HEADER + '.' + b64url(JSON.stringify({ sub: 'cust_123', pad: 'p'.repeat(30_000) })) + '.sig';
    const out = redactStringBounded('failed: ' + hugeJwt, 500);
    expect(out).not.toContain('eyJ');
    expect(out.startsWith('failed: [redacted jwt]…[truncated ')).toBe(true);
  });

  it('redacts a value that only begins like a marker', () => {
    const out = redactStringBounded('https://bank.example/cb?code=[redacted-not-really-0123456789abcdef', 2000);
    expect(out).toBe('https://bank.example/cb?code=[redacted code …cdef]');
  });

  it('keeps an exact marker in a URL as it is', () => {
    const text = 'https://bank.example/cb?code=[redacted code …cdef]&state=1';
    expect(redactStringBounded(text, 2000)).toBe(text);
  });
});
