import { describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { Window } from 'happy-dom';
import { DEFAULT_SNAPSHOT_LIMITS, capture, redactCapture, snapshot } from '../../../lib/hook/snapshot';
import type { Snapshot } from '../../../lib/model/types';

const b64url = (text: string): string => Buffer.from(text).toString('base64url');
// exp 2026-11-23T19:00:00Z
const JWT =
  b64url('{"alg":"HS256","typ":"JWT"}') + '.' + b64url('{"sub":"cust_123","exp":1795460400}') + '.c2lnbmF0dXJlX2J5dGVzSIG1';
const JWT_MARKER = '[redacted jwt exp=2026-11-23T19:00:00Z sub=cust_123 …SIG1]';

/** Nested plain objects `depth` levels deep, ending in `{ leaf: true }`. */
function nest(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < depth; i++) value = { child: value };
  return value;
}

describe('snapshot: JSON values', () => {
  it('copies plain data as it is', () => {
    const config = { customer_id: 'c1', permissions: ['identity', 'accounts'], sandbox: true, n: 1.5, none: null, nested: { a: [1] } };
    expect(snapshot(config)).toEqual(config);
  });

  it('returns a copy, not the original objects', () => {
    const config = { customization: { theme_color: '#0080ff' } };
    const copy = snapshot(config) as { customization: object };
    expect(copy.customization).not.toBe(config.customization);
  });

  it('writes -0 as 0, as JSON would', () => {
    expect(Object.is(snapshot(-0), 0)).toBe(true);
  });

  it('keeps a key named __proto__ as an ordinary key', () => {
    const value = JSON.parse('{"__proto__":{"polluted":true},"a":1}') as object;
    const copy = snapshot(value) as Record<string, Snapshot>;
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect(JSON.stringify(copy)).toBe('{"__proto__":{"polluted":true},"a":1}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('snapshot: markers for values JSON cannot hold', () => {
  it('writes [function name] for functions and [function] for anonymous ones', () => {
    expect(snapshot({ callback: function onLeanDone() {} })).toEqual({ callback: '[function onLeanDone]' });
    expect(snapshot([(() => () => 1)()])).toEqual(['[function]']);
  });

  it('writes [undefined] for undefined values, keeping the key', () => {
    expect(snapshot({ customer_id: undefined })).toEqual({ customer_id: '[undefined]' });
  });

  it('writes [symbol desc] for symbols', () => {
    expect(snapshot([Symbol('lean'), Symbol()])).toEqual(['[symbol lean]', '[symbol]']);
  });

  it('writes [bigint n] for BigInts', () => {
    expect(snapshot(123n)).toBe('[bigint 123]');
  });

  it('writes [date ISO] for dates and [date invalid] for invalid ones', () => {
    expect(snapshot(new Date(Date.UTC(2026, 10, 23, 19)))).toBe('[date 2026-11-23T19:00:00.000Z]');
    expect(snapshot(new Date(NaN))).toBe('[date invalid]');
  });

  it('writes [number …] for NaN and the infinities', () => {
    expect(snapshot([NaN, Infinity, -Infinity])).toEqual(['[number NaN]', '[number Infinity]', '[number -Infinity]']);
  });

  it('writes [element tag#id.classes] for a DOM element', () => {
    const document = new Window().document;
    const button = document.createElement('button');
    button.id = 'pay';
    button.className = 'btn  primary';
    expect(snapshot({ container: button })).toEqual({ container: '[element button#pay.btn.primary]' });
  });

  it('recognises DOM nodes by duck typing, without a DOM', () => {
    expect(snapshot({ nodeType: 1, nodeName: 'DIV', id: 'lean', className: 'a b' })).toBe('[element div#lean.a.b]');
    expect(snapshot({ nodeType: 3, nodeName: '#text' })).toBe('[node #text]');
  });

  it('writes [node #document] for a document', () => {
    expect(snapshot(new Window().document)).toBe('[node #document]');
  });

  it('writes [window] for a window instead of walking its properties', () => {
    expect(snapshot(new Window())).toBe('[window]');
  });

  it('writes [error Name: message] for errors, subclasses included', () => {
    class LeanError extends Error {
      override name = 'LeanError';
    }
    expect(snapshot([new TypeError('boom'), new LeanError('no bank'), new Error('')])).toEqual([
      '[error TypeError: boom]',
      '[error LeanError: no bank]',
      '[error Error]',
    ]);
  });

  it('redacts secrets in error messages', () => {
    expect(snapshot(new Error('rejected ' + JWT))).toBe('[error Error: rejected ' + JWT_MARKER + ']');
  });

  it('writes [map size=n] and [set size=n]', () => {
    expect(snapshot([new Map([[1, 2]]), new Set([1, 2, 3])])).toEqual(['[map size=1]', '[set size=3]']);
  });

  it('writes [typed Name length=n] for typed arrays and buffers', () => {
    expect(snapshot([new Uint8Array(4), new Float64Array(2), new ArrayBuffer(8), new DataView(new ArrayBuffer(3))])).toEqual([
      '[typed Uint8Array length=4]',
      '[typed Float64Array length=2]',
      '[typed ArrayBuffer length=8]',
      '[typed DataView length=3]',
    ]);
  });

  it('writes [promise] for promises', () => {
    expect(snapshot(Promise.resolve(1))).toBe('[promise]');
  });

  it('writes [weakmap], [weakset] and [regexp /source/flags]', () => {
    expect(snapshot([new WeakMap(), new WeakSet(), /lean+/gi])).toEqual(['[weakmap]', '[weakset]', '[regexp /lean+/gi]']);
  });

  it('unwraps boxed primitives', () => {
    expect(snapshot([new String('en'), new Number(2), new Boolean(false)])).toEqual(['en', 2, false]);
  });

  it('recognises built-ins from another realm (an iframe)', () => {
    const foreign = runInNewContext('[new Date(0), new Map(), new TypeError("x"), Promise.resolve()]') as unknown[];
    expect(snapshot(foreign)).toEqual(['[date 1970-01-01T00:00:00.000Z]', '[map size=0]', '[error TypeError: x]', '[promise]']);
  });

  it('copies an object merely built on a built-in prototype as an object', () => {
    const fake = Object.create(Date.prototype) as Record<string, unknown>;
    fake.when = 'now';
    expect(snapshot(fake)).toEqual({ when: 'now' });
  });

  it('writes [circular] for a path back to an ancestor', () => {
    const config: Record<string, unknown> = { a: 1 };
    config.self = config;
    config.list = [config];
    expect(snapshot(config)).toEqual({ a: 1, self: '[circular]', list: ['[circular]'] });
  });

  it('copies an object reached by two paths both times (it is not a cycle)', () => {
    const shared = { theme_color: '#fff' };
    expect(snapshot({ a: shared, b: shared })).toEqual({ a: { theme_color: '#fff' }, b: { theme_color: '#fff' } });
  });
});

describe('snapshot: reading page objects', () => {
  it('copies own enumerable string keys of class instances', () => {
    class Config {
      app_name = 'shop';
      get computed(): string {
        return 'inherited getters are not own';
      }
    }
    expect(snapshot(new Config())).toEqual({ app_name: 'shop' });
  });

  it('skips non-enumerable and symbol keys', () => {
    const value: Record<string | symbol, unknown> = { shown: 1, [Symbol('s')]: 2 };
    Object.defineProperty(value, 'hidden', { value: 3, enumerable: false });
    expect(snapshot(value)).toEqual({ shown: 1 });
  });

  it('calls a getter exactly once', () => {
    let calls = 0;
    const config = {
      get customer_id(): string {
        calls++;
        return 'c1';
      },
    };
    expect(snapshot(config)).toEqual({ customer_id: 'c1' });
    expect(calls).toBe(1);
  });

  it('calls a getter of an object reached by two paths exactly once', () => {
    let calls = 0;
    const shared = {
      get value(): number {
        calls++;
        return 7;
      },
    };
    expect(snapshot([shared, { again: shared }])).toEqual([{ value: 7 }, { again: { value: 7 } }]);
    expect(calls).toBe(1);
  });

  it('calls a getter under a secret key once and redacts what it returns', () => {
    let calls = 0;
    const config = {
      get app_token(): string {
        calls++;
        return 'app-token-0123456789';
      },
    };
    expect(snapshot(config)).toEqual({ app_token: '[redacted app_token …6789]' });
    expect(calls).toBe(1);
  });

  it('writes [getter threw: message] for a getter that throws, and goes on', () => {
    const config = {
      get broken(): never {
        throw new Error('not ready');
      },
      after: 1,
    };
    expect(snapshot(config)).toEqual({ broken: '[getter threw: not ready]', after: 1 });
  });

  it('writes a getter that throws a non-Error as its text', () => {
    const config = {
      get broken(): never {
        throw 'plain string';
      },
    };
    expect(snapshot(config)).toEqual({ broken: '[getter threw: plain string]' });
  });

  it('writes [unreadable] for a revoked Proxy', () => {
    const { proxy, revoke } = Proxy.revocable({ a: 1 }, {});
    revoke();
    expect(snapshot({ config: proxy })).toEqual({ config: '[unreadable]' });
  });

  it('writes [unreadable] for a property whose Proxy trap throws', () => {
    const proxy = new Proxy({ a: 1, b: 2 }, {
      get(target, key) {
        if (key === 'a') throw new Error('trap');
        return Reflect.get(target, key);
      },
    });
    expect(snapshot(proxy)).toEqual({ a: '[unreadable]', b: 2 });
  });

  it('writes [unreadable] for a Proxy whose ownKeys or getPrototypeOf trap throws', () => {
    const thrower = (): never => {
      throw new Error('trap');
    };
    expect(snapshot(new Proxy({}, { ownKeys: thrower }))).toBe('[unreadable]');
    expect(snapshot(new Proxy({}, { getPrototypeOf: thrower }))).toBe('[unreadable]');
  });

  it('copies a Proxy of an array as an array', () => {
    expect(snapshot(new Proxy([1, 2], {}))).toEqual([1, 2]);
  });

  it('writes [getter threw: …] for an array item getter that throws', () => {
    const list: unknown[] = [1];
    Object.defineProperty(list, 1, {
      get() {
        throw new RangeError('gone');
      },
      enumerable: true,
    });
    expect(snapshot(list)).toEqual([1, '[getter threw: gone]']);
  });

  it('writes holes of sparse arrays as [undefined]', () => {
    const sparse = [1];
    sparse[2] = 3;
    expect(snapshot(sparse)).toEqual([1, '[undefined]', 3]);
  });
});

describe('snapshot: secrets', () => {
  it('redacts values under secret keys at any depth', () => {
    const config = { app_token: 'app-token-0123456789', nested: { deeper: { client_secret: 'cs-0123456789abcdef' } } };
    expect(snapshot(config)).toEqual({
      app_token: '[redacted app_token …6789]',
      nested: { deeper: { client_secret: '[redacted client_secret …cdef]' } },
    });
  });

  it('redacts secrets in objects inside arrays', () => {
    expect(snapshot({ headers: [{ Authorization: 'Bearer 0123456789abcdefWXYZ' }] })).toEqual({
      headers: [{ Authorization: '[redacted Authorization …WXYZ]' }],
    });
  });

  it('keeps the claims of an access_token JWT', () => {
    expect(snapshot({ access_token: JWT })).toEqual({
      access_token: '[redacted access_token jwt exp=2026-11-23T19:00:00Z sub=cust_123 …SIG1]',
    });
  });

  it('redacts a non-string value under a secret key whole, without reading into it', () => {
    let read = false;
    const secret = {
      get inner(): string {
        read = true;
        return 'x';
      },
    };
    expect(snapshot({ auth: secret, password: 12345678, token: ['a', 'b'] })).toEqual({
      auth: '[redacted auth]',
      password: '[redacted password]',
      token: '[redacted token]',
    });
    expect(read).toBe(false);
  });

  it('keeps null, undefined and empty values under secret keys, so a missing token shows', () => {
    expect(snapshot({ app_token: null, access_token: undefined, token: '' })).toEqual({
      app_token: null,
      access_token: '[undefined]',
      token: '',
    });
  });

  it('redacts a JWT inside a URL string under an ordinary key', () => {
    expect(snapshot({ success_redirect_url: 'https://shop.example/ok?session_state=x&t=' + JWT })).toEqual({
      success_redirect_url: 'https://shop.example/ok?session_state=x&t=' + JWT_MARKER,
    });
  });

  it('redacts a JWT inside a callback open_banking_redirect_url', () => {
    const data = { status: 'REDIRECT', open_banking_redirect_url: 'https://bank.example/auth?request=' + JWT };
    expect(snapshot(data)).toEqual({ status: 'REDIRECT', open_banking_redirect_url: 'https://bank.example/auth?request=' + JWT_MARKER });
  });

  it('redacts a JWT and secret fields inside a callback last_api_response', () => {
    const data = { last_api_response: '{"access_token":"opaque-0123456789abcdef","id_token":"' + JWT + '"}' };
    expect(snapshot(data)).toEqual({
      last_api_response:
        '{"access_token":"[redacted access_token …cdef]","id_token":"[redacted id_token jwt exp=2026-11-23T19:00:00Z sub=cust_123 …SIG1]"}',
    });
  });

  it('redacts "Authorization: Bearer …" in a message', () => {
    expect(snapshot({ message: 'sent Authorization: Bearer ' + JWT })).toEqual({ message: 'sent Authorization: Bearer ' + JWT_MARKER });
  });

  it('redacts a code= query parameter of a redirect URL', () => {
    expect(snapshot({ fail_redirect_url: 'https://shop.example/fail?code=AbCdEfGh12345678WXYZ' })).toEqual({
      fail_redirect_url: 'https://shop.example/fail?code=[redacted code …WXYZ]',
    });
  });

  it('redacts a JWT used as a key', () => {
    expect(JSON.stringify(snapshot({ [JWT]: true }))).not.toContain('eyJ');
  });

  it('redacts a top-level string', () => {
    expect(snapshot('Bearer 0123456789abcdefWXYZ')).toBe('Bearer [redacted bearer …WXYZ]');
  });
});

describe('snapshot: bounds', () => {
  it('uses the documented default limits', () => {
    expect(DEFAULT_SNAPSHOT_LIMITS).toEqual({ maxDepth: 8, maxKeys: 100, maxItems: 100, maxString: 2000, maxNodes: 2000 });
  });

  it('writes [truncated: depth] below 8 levels', () => {
    expect(JSON.stringify(snapshot(nest(7)))).toContain('"leaf":true');
    const deep = JSON.stringify(snapshot(nest(8)));
    expect(deep).toContain('"[truncated: depth]"');
    expect(deep).not.toContain('leaf');
  });

  it('keeps markers of non-container values past the depth limit', () => {
    expect(snapshot({ a: { when: new Date(0) } }, { maxDepth: 1 })).toEqual({ a: '[truncated: depth]' });
    expect(snapshot({ a: new Date(0) }, { maxDepth: 1 })).toEqual({ a: '[date 1970-01-01T00:00:00.000Z]' });
  });

  it('keeps 100 keys per object and counts the rest under "…"', () => {
    const wide: Record<string, number> = {};
    for (let i = 0; i < 150; i++) wide['k' + i] = i;
    const copy = snapshot(wide) as Record<string, Snapshot>;
    expect(Object.keys(copy)).toHaveLength(101);
    expect(copy.k99).toBe(99);
    expect(copy['…']).toBe('[truncated: +50 keys]');
  });

  it('keeps 100 items of a 10k-item array and counts the rest in a last item', () => {
    const big = Array.from({ length: 10_000 }, (_, i) => i);
    const copy = snapshot(big) as Snapshot[];
    expect(copy).toHaveLength(101);
    expect(copy[99]).toBe(99);
    expect(copy[100]).toBe('[truncated: +9900 items]');
  });

  it('reads only the items it keeps of a huge sparse array', () => {
    const copy = snapshot(new Array(2 ** 32 - 1)) as Snapshot[];
    expect(copy).toHaveLength(101);
    expect(copy[100]).toBe('[truncated: +4294967195 items]');
  });

  it('cuts a 1 MB string to 2000 characters', () => {
    const huge = 'a'.repeat(1024 * 1024);
    const copy = snapshot({ blob: huge }) as { blob: string };
    expect(copy.blob).toBe('a'.repeat(2000) + '…[truncated ' + (huge.length - 2000) + ' chars]');
  });

  it('redacts a secret at the start of a 1 MB string before cutting it', () => {
    const huge = 'token=' + 'S'.repeat(30) + '&' + 'x'.repeat(1024 * 1024);
    const copy = snapshot(huge) as string;
    expect(copy.startsWith('token=[redacted token …SSSS]&xxx')).toBe(true);
    expect(copy).not.toContain('SSSSS');
  });

  it('stops at 2000 values per snapshot', () => {
    const rows = Array.from({ length: 100 }, () => Array.from({ length: 100 }, (_, i) => i));
    const json = JSON.stringify(snapshot(rows));
    const numbers = json.match(/\d+(?=[,\]])/g) ?? [];
    expect(numbers.length).toBeLessThanOrEqual(2000);
    expect(json).toContain('[truncated: +');
  });

  it('charges a copy reused by a second path against the value budget', () => {
    const shared = Array.from({ length: 50 }, (_, i) => i);
    const many = Array.from({ length: 100 }, () => shared);
    const copy = snapshot(many, { maxNodes: 200 }) as Snapshot[];
    expect([copy[0], copy[1], copy[2]]).toEqual([shared, shared, shared]);
    expect(copy[3]).toBe('[truncated: nodes]');
  });

  it('accepts smaller limits', () => {
    expect(snapshot({ a: 'abcdef', b: [1, 2, 3], c: 1 }, { maxString: 3, maxItems: 2, maxKeys: 2 })).toEqual({
      a: 'abc…[truncated 3 chars]',
      b: [1, 2, '[truncated: +1 items]'],
      '…': '[truncated: +1 keys]',
    });
  });

  it('cuts long keys like long strings', () => {
    const key = 'k'.repeat(50);
    expect(Object.keys(snapshot({ [key]: 1 }, { maxString: 10 }) as object)).toEqual(['k'.repeat(10) + '…[truncated 40 chars]']);
  });
});

describe('snapshot: never throws', () => {
  const odd: Array<[string, unknown]> = [
    ['an object whose every trap throws', new Proxy({}, Object.fromEntries(
      ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf'].map((trap) => [trap, () => { throw new Error(trap); }]),
    ))],
    ['a function Proxy whose traps throw', new Proxy(function f() {}, { get() { throw new Error('get'); }, getOwnPropertyDescriptor() { throw new Error('gopd'); } })],
    ['an error whose message getter throws', Object.defineProperty(new Error('x'), 'message', { get() { throw new Error('no'); } })],
    ['an object with a throwing nodeType getter', { get nodeType(): never { throw new Error('no'); } }],
    ['a getter that throws a revoked Proxy', { get x(): never { const r = Proxy.revocable({}, {}); r.revoke(); throw r.proxy; } }],
    ['a null-prototype object', Object.assign(Object.create(null) as object, { a: 1 })],
    ['a deeply nested array', JSON.parse('['.repeat(5000) + ']'.repeat(5000)) as unknown],
  ];

  it.each(odd)('copies %s without throwing', (_name, value) => {
    const copy = snapshot(value);
    expect(JSON.parse(JSON.stringify(copy))).toEqual(copy);
  });

  it('survives absurd limits', () => {
    expect(() => snapshot(JSON.parse('['.repeat(20000) + ']'.repeat(20000)), { maxDepth: 1e9, maxNodes: 1e9 })).not.toThrow();
    expect(snapshot({ a: 1 }, { maxDepth: -1, maxKeys: NaN })).toEqual({ a: 1 });
  });
});

describe('snapshot: hostile page built-ins', () => {
  it('works after the page replaced JSON.stringify, Array.prototype.map, Object.keys, String.prototype.slice and more', () => {
    const config = {
      app_token: 'app-token-0123456789',
      access_token: JWT,
      customer_id: 'c1',
      permissions: ['identity'],
      success_redirect_url: 'https://shop.example/ok?code=AbCdEfGh12345678WXYZ',
      message: 'Authorization: Bearer 0123456789abcdefWXYZ',
      when: new Date(0),
      tags: new Set([1]),
      callback: function done() {},
      nested: { deep: [{ password: 'hunter2hunter2hunter2' }] },
    };
    const expected = snapshot(config);
    const boom = (): never => {
      throw new Error('patched by the page');
    };
    const patches: Array<[object, PropertyKey]> = [
      [JSON, 'stringify'],
      [JSON, 'parse'],
      [Array.prototype, 'map'],
      [Array.prototype, 'push'],
      [Array.prototype, Symbol.iterator],
      [Object, 'keys'],
      [Object, 'getOwnPropertyDescriptor'],
      [Object, 'getPrototypeOf'],
      [Object.prototype, 'hasOwnProperty'],
      [String.prototype, 'slice'],
      [String.prototype, 'indexOf'],
      [String.prototype, 'charCodeAt'],
      [String.prototype, 'toLowerCase'],
      [String.prototype, 'split'],
      [String.prototype, 'replace'],
      [RegExp.prototype, 'exec'],
      [RegExp.prototype, 'test'],
      [Function.prototype, 'call'],
      [Function.prototype, 'apply'],
      [Function.prototype, 'bind'],
      [Reflect, 'apply'],
      [Date.prototype, 'toISOString'],
      [Map.prototype, 'get'],
      [Map.prototype, 'set'],
      [Array, 'isArray'],
      [globalThis, 'atob'],
    ];
    const saved = patches.map(([owner, key]) => Object.getOwnPropertyDescriptor(owner, key)!);
    let copy: Snapshot = null;
    let threw: unknown = null;
    try {
      // Index loops: the test patches the array iterator too.
      for (let i = 0; i < patches.length; i++) {
        Object.defineProperty(patches[i]![0], patches[i]![1], { value: boom, configurable: true, writable: true });
      }
      // A page can also plant setters on Object.prototype for keys the copy will have.
      Object.defineProperty(Object.prototype, 'customer_id', { set: boom, configurable: true });
      try {
        copy = snapshot(config);
      } catch (error) {
        threw = error;
      }
    } finally {
      delete (Object.prototype as Record<string, unknown>).customer_id;
      for (let i = 0; i < patches.length; i++) Object.defineProperty(patches[i]![0], patches[i]![1], saved[i]!);
    }
    expect(threw).toBeNull();
    expect(copy).toEqual(expected);
    expect(JSON.stringify(copy)).not.toContain('hunter2');
  });
});

describe('snapshot in two steps: capture in the call, redactCapture at flush', () => {
  it('keeps the value as it was when captured, whatever the page changes afterwards', () => {
    const config = { app_token: 'app-token-0123456789', customization: { theme_color: '#0f766e' }, permissions: ['identity'] };
    const captured = capture(config);
    config.app_token = 'changed-token-after-the-call';
    config.customization.theme_color = '#000000';
    config.permissions.push('accounts');
    expect(redactCapture(captured)).toEqual({
      app_token: '[redacted app_token …6789]',
      customization: { theme_color: '#0f766e' },
      permissions: ['identity'],
    });
  });

  it('redacts at the second step what the first kept: values under secret keys, strings, long keys', () => {
    const key = 'redirect?code=' + 'k'.repeat(20);
    const copy = redactCapture(capture({ access_token: JWT, note: 'Bearer ' + JWT, [key]: 1 }));
    expect(copy).toEqual({
      access_token: '[redacted access_token jwt exp=2026-11-23T19:00:00Z sub=cust_123 …SIG1]',
      note: 'Bearer ' + JWT_MARKER,
      'redirect?code=[redacted code …kkkk]': 1,
    });
  });

  it('runs each page getter once, in capture; redactCapture runs no page code', () => {
    let calls = 0;
    const config = {
      get access_token(): string {
        calls++;
        return JWT;
      },
    };
    const captured = capture(config);
    expect(calls).toBe(1);
    expect(redactCapture(captured)).toEqual({ access_token: expect.stringMatching(/^\[redacted access_token jwt /) });
    expect(redactCapture(captured)).toEqual(redactCapture(captured));
    expect(calls).toBe(1);
  });

  it('applies the limits in capture, so a huge value costs the call no more than a bounded one', () => {
    const captured = capture({ list: Array.from({ length: 10_000 }, (_, i) => i) }, { maxItems: 3 });
    expect(redactCapture(captured)).toEqual({ list: [0, 1, 2, '[truncated: +9997 items]'] });
  });
});
