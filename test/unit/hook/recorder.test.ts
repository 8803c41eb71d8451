import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BATCH_CHARS, MAX_CALLSITES_PER_METHOD, MAX_EVENT_BYTES, MAX_QUEUED_EVENTS, Recorder } from '../../../lib/hook/recorder';
import { MAX_PAGE_MESSAGE_CHARS, acceptPageMessage } from '../../../lib/relay/accept';
import { RateLimiter } from '../../../lib/relay/rate-limit';
import type { HookEvent, PageBatch } from '../../../lib/protocol';

function setup(delivered: () => boolean = () => true) {
  const posts: string[] = [];
  let pending: (() => void) | null = null;
  const recorder = new Recorder({
    post: (json) => {
      posts.push(json);
      return delivered();
    },
    schedule: (flush) => (pending = flush),
    clock: () => 1_000,
  });
  const flush = (): PageBatch[] => {
    pending?.();
    pending = null;
    const batches = posts.map((p) => JSON.parse(p) as PageBatch);
    posts.length = 0;
    return batches;
  };
  return { recorder, flush, posts };
}

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjdXN0b21lci0xIn0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi1hdC1sZWFzdC0zMg';

describe('hook: recorder batches', () => {
  it('keeps each batch within what the relay reads', () => {
    expect(MAX_BATCH_CHARS + MAX_EVENT_BYTES).toBeLessThan(MAX_PAGE_MESSAGE_CHARS);
  });

  it('splits large events into several batches the relay accepts, losing none', () => {
    const { recorder, flush } = setup();
    // About 57 KB per event once copied: just under the per-event cap.
    const big = { notes: Array.from({ length: 30 }, (_, i) => `${i}:${'x'.repeat(1_900)}`) };
    for (let i = 0; i < 30; i++) recorder.call('connect', big);
    const batches = flush();
    expect(batches.length).toBeGreaterThan(1);
    const limiter = new RateLimiter(1e9, 1e9, () => 0);
    let accepted = 0;
    for (const batch of batches) {
      const text = JSON.stringify(batch);
      expect(text.length).toBeLessThanOrEqual(MAX_BATCH_CHARS);
      const result = acceptPageMessage(text, { idPrefix: 'd:', frameUrl: 'https://shop.example/', limiter });
      expect(result.refused).toBe(0);
      accepted += result.events.length;
    }
    expect(accepted).toBe(30);
  });

  it('reports the calls it dropped once, with the first batch', () => {
    const { recorder, flush } = setup();
    const big = { notes: Array.from({ length: 30 }, (_, i) => `${i}:${'x'.repeat(1_900)}`) };
    for (let i = 0; i < MAX_QUEUED_EVENTS + 3; i++) recorder.call('connect', i < 20 ? big : {});
    const batches = flush();
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.map((b) => b.dropped)).toEqual([3, ...Array(batches.length - 1).fill(0)]);
    expect(batches.flatMap((b) => b.events)).toHaveLength(MAX_QUEUED_EVENTS);
  });

  it('counts calls beyond the queue as dropped without copying their config', () => {
    const { recorder, flush } = setup();
    let reads = 0;
    const config = {
      get customer_id() {
        reads++;
        return 'c';
      },
    };
    for (let i = 0; i < MAX_QUEUED_EVENTS + 500; i++) recorder.call('pay', config);
    expect(reads).toBe(MAX_QUEUED_EVENTS);
    const batches = flush();
    expect(batches.reduce((n, b) => n + b.dropped, 0)).toBe(500);
  });
});

describe('hook: recorder after the relay is gone', () => {
  it('goes quiet once a batch finds nobody to receive it', () => {
    let listening = true;
    const { recorder, flush, posts } = setup(() => listening);
    recorder.call('connect', {});
    expect(flush()).toHaveLength(1);
    listening = false;
    recorder.call('connect', {});
    expect(flush()).toHaveLength(1);
    expect(recorder.isQuiet).toBe(true);
    expect(recorder.call('connect', {})).toBeNull();
    recorder.sdk('hooked', 'Lean is a plain object');
    flush();
    expect(posts).toEqual([]);
  });
});

describe('hook: recorder redaction and page safety', () => {
  it('redacts a token quoted in an error the SDK threw', () => {
    const { recorder, flush } = setup();
    const handle = recorder.call('connect', {})!;
    recorder.callError(handle, new Error(`token ${JWT} is expired`));
    const text = JSON.stringify(flush());
    expect(text).toContain('token [redacted jwt');
    expect(text).not.toContain(JWT.split('.')[2]);
  });

  describe('with a page-defined Error.prepareStackTrace', () => {
    const original = Object.getOwnPropertyDescriptor(Error, 'prepareStackTrace');
    afterEach(() => {
      if (original) Object.defineProperty(Error, 'prepareStackTrace', original);
      else delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
    });

    it('never calls it with our stack traces, and puts it back', () => {
      let calls = 0;
      const pageFormatter = () => {
        calls++;
        return 'formatted by the page';
      };
      (Error as { prepareStackTrace?: unknown }).prepareStackTrace = pageFormatter;
      const { recorder, flush } = setup();
      recorder.call('connect', {});
      const [batch] = flush();
      expect(calls).toBe(0);
      expect((Error as { prepareStackTrace?: unknown }).prepareStackTrace).toBe(pageFormatter);
      expect(batch!.events[0]).toMatchObject({ type: 'call', method: 'connect' });
    });
  });
});

/** `Lean[method](config)` made from a page script at https://shop.example/app.js. */
function pageCaller(recorder: Recorder): (method: string, config: unknown) => void {
  return new Function('recorder', 'return (method, config) => {\n  recorder.call(method, config);\n};\n//# sourceURL=https://shop.example/app.js')(
    recorder,
  ) as (method: string, config: unknown) => void;
}

const PAGE_SITE = expect.stringMatching(/^https:\/\/shop\.example\/app\.js:\d+:\d+$/);

function calls(batches: PageBatch[]): Extract<HookEvent, { type: 'call' }>[] {
  return batches.flatMap((b) => b.events).filter((e) => e.type === 'call') as Extract<HookEvent, { type: 'call' }>[];
}

describe('hook: call sites', () => {
  it(`gives the first ${MAX_CALLSITES_PER_METHOD} calls of each method in a flush a call site, and the later ones none`, () => {
    const { recorder, flush } = setup();
    const call = pageCaller(recorder);
    for (let i = 0; i < MAX_CALLSITES_PER_METHOD + 2; i++) call('connect', {});
    for (let i = 0; i < 3; i++) call('pay', {});
    const events = calls(flush());
    const sites = (method: string) => events.filter((e) => e.method === method).map((e) => e.callsite);
    expect(sites('connect')).toEqual([
      ...Array(MAX_CALLSITES_PER_METHOD).fill(PAGE_SITE),
      null,
      null,
    ]);
    expect(sites('pay')).toEqual(Array(3).fill(PAGE_SITE));
  });

  it('counts again from zero after each flush', () => {
    const { recorder, flush } = setup();
    const call = pageCaller(recorder);
    for (let i = 0; i < MAX_CALLSITES_PER_METHOD + 1; i++) call('connect', {});
    expect(calls(flush()).at(-1)!.callsite).toBeNull();
    call('connect', {});
    expect(calls(flush())[0]!.callsite).toEqual(PAGE_SITE);
  });
});

describe('hook: redaction at flush', () => {
  const APP_TOKEN = '7f3c2a1e-5b4d-4e6f-8a9b-0c1d2e3f4a5b';
  const CODE = 'oauth-code-0123456789abcdef';
  const raw = [APP_TOKEN, JWT, CODE, JWT.split('.')[2]!];

  it('sends the config as it was at the call, with every secret redacted, although the page changed it before the flush', () => {
    const { recorder, flush } = setup();
    const config = {
      app_token: APP_TOKEN,
      access_token: JWT,
      customer_id: 'c1',
      customization: { theme_color: '#0f766e' },
      permissions: ['identity'],
      success_redirect_url: `https://shop.example/return?code=${CODE}`,
      notes: `Bearer ${JWT}`,
    };
    recorder.call('connect', config);
    // The page reuses and changes its object right after the call, before our flush.
    config.app_token = 'app-token-set-after-the-call-0000';
    config.customization.theme_color = '#000000';
    config.permissions.push('accounts');
    (config as Record<string, unknown>).late_token = JWT;
    const text = JSON.stringify(flush());
    for (const secret of [...raw, 'app-token-set-after-the-call-0000']) expect(text).not.toContain(secret);
    const [event] = calls(JSON.parse(text) as PageBatch[]);
    expect(event!.config).toEqual({
      app_token: '[redacted app_token …4a5b]',
      access_token: expect.stringMatching(/^\[redacted access_token jwt .*…/),
      customer_id: 'c1',
      customization: { theme_color: '#0f766e' },
      permissions: ['identity'],
      success_redirect_url: 'https://shop.example/return?code=[redacted code …cdef]',
      notes: expect.stringMatching(/^Bearer \[redacted jwt /),
    });
  });

  it('redacts callback data the same way, as it was when the callback ran', () => {
    const { recorder, flush } = setup();
    const handle = recorder.call('connect', {})!;
    const data = { status: 'SUCCESS', access_token: JWT, message: `see https://x.example/?token=${CODE}` };
    recorder.callback(handle, data);
    data.status = 'CHANGED';
    const text = JSON.stringify(flush());
    for (const secret of raw) expect(text).not.toContain(secret);
    expect(text).toContain('"status":"SUCCESS"');
  });
});
