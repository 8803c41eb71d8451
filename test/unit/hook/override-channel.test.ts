// @vitest-environment happy-dom
/**
 * The private relay → hook channel (lib/hook/override-channel.ts, lib/relay/sentinel.ts,
 * lib/relay/override-forward.ts): the hook's node reaches the sentinel whichever of the two
 * runs first, overrides arrive only on that node, and what arrives is parsed strictly.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { decodeOverrides, offerOverrideChannel } from '../../../lib/hook/override-channel';
import { startSentinel, type Sentinel } from '../../../lib/relay/sentinel';
import { overrideForwarder } from '../../../lib/relay/override-forward';
import { encodeOverrides, HOOK_ASK, HOOK_HELLO, HOOK_OVERRIDES } from '../../../lib/protocol';
import type { OutcomeOverride } from '../../../lib/model/outcomes';

const sentinels: Sentinel[] = [];
afterEach(() => {
  for (const s of sentinels.splice(0)) s.handOver();
});

function sentinel(): Sentinel {
  const s = startSentinel(window, document, { requestRelay: () => Promise.resolve(true), clock: () => 0 });
  sentinels.push(s);
  return s;
}

function hook(): OutcomeOverride[][] {
  const received: OutcomeOverride[][] = [];
  offerOverrideChannel(document, setTimeout, (list) => received.push(list));
  return received;
}

const EXTENSION = 'ext-id';
const forward = (node: EventTarget | null, message: unknown, sender: { id?: string; tab?: unknown } = { id: EXTENSION }) =>
  overrideForwarder(node, EXTENSION)(message, sender);

describe('the hook’s private node', () => {
  it('reaches a sentinel that runs after the hook (it asks)', () => {
    const received = hook();
    const node = sentinel().handOver()!.hookNode;
    expect(node).not.toBeNull();
    forward(node, { kind: 'overrides', active: [{ spec: 'pay=CANCELLED', once: true }] });
    expect(received).toEqual([[{ method: 'pay', status: 'CANCELLED', secondary: null, afterMs: null, once: true }]]);
  });

  it('reaches a sentinel that ran before the hook (the hook says hello)', () => {
    const s = sentinel();
    const received = hook();
    forward(s.handOver()!.hookNode, { kind: 'overrides', active: [{ spec: 'pay=ERROR:INVALID_CREDENTIALS', once: false }] });
    expect(received[0]).toEqual([{ method: 'pay', status: 'ERROR', secondary: 'INVALID_CREDENTIALS', afterMs: null, once: false }]);
  });

  it('is not the node of a later hello: the sentinel takes the first one only', () => {
    const received = hook();
    const s = sentinel();
    const forged = document.createElement('span');
    document.dispatchEvent(new MouseEvent(HOOK_HELLO, { relatedTarget: forged, cancelable: true }));
    const node = s.handOver()!.hookNode;
    expect(node).not.toBe(forged);
    forward(node, { kind: 'overrides', active: [] });
    expect(received).toEqual([[]]);
  });

  it('is handed to no one who asks after the hook’s task (a page script)', async () => {
    const received = hook();
    await new Promise((r) => setTimeout(r, 0));
    let leaked: EventTarget | null = null;
    const listen = (e: Event) => (leaked = (e as MouseEvent).relatedTarget);
    document.addEventListener(HOOK_HELLO, listen);
    document.dispatchEvent(new Event(HOOK_ASK));
    document.removeEventListener(HOOK_HELLO, listen);
    expect(leaked).toBeNull();
    expect(received).toEqual([]);
  });

  it('is not taken from a hello after the sentinel’s task (a page script)', async () => {
    const s = sentinel();
    await new Promise((r) => setTimeout(r, 0));
    document.dispatchEvent(new MouseEvent(HOOK_HELLO, { relatedTarget: document.createElement('span'), cancelable: true }));
    expect(s.handOver()!.hookNode).toBeNull();
  });

  it('hears nothing dispatched on document', () => {
    const received = hook();
    sentinel();
    document.dispatchEvent(new CustomEvent(HOOK_OVERRIDES, { detail: encodeOverrides([{ spec: 'pay=CANCELLED', once: true }]) }));
    expect(received).toEqual([]);
  });
});

describe('a page that replaced built-ins later', () => {
  it('learns nothing when an override arrives: the detail getter and string methods it replaced are not called', () => {
    const received = hook();
    const node = sentinel().handOver()!.hookNode;
    const touched: string[] = [];
    const detail = Object.getOwnPropertyDescriptor(CustomEvent.prototype, 'detail')!;
    const { indexOf, slice, trim, split } = String.prototype;
    Object.defineProperty(CustomEvent.prototype, 'detail', {
      configurable: true,
      get() {
        touched.push('detail');
        return detail.get!.call(this);
      },
    });
    const spy = (name: string, fn: (...args: never[]) => unknown) =>
      function (this: string, ...args: never[]) {
        touched.push(name);
        return fn.apply(this, args);
      };
    Object.assign(String.prototype, { indexOf: spy('indexOf', indexOf), slice: spy('slice', slice), trim: spy('trim', trim), split: spy('split', split) });
    try {
      const text = encodeOverrides([{ spec: 'pay=ERROR:INVALID_CREDENTIALS@1s', once: true }]);
      node!.dispatchEvent(new CustomEvent(HOOK_OVERRIDES, { detail: text }));
    } finally {
      Object.defineProperty(CustomEvent.prototype, 'detail', detail);
      Object.assign(String.prototype, { indexOf, slice, trim, split });
    }
    expect(touched).toEqual([]);
    expect(received).toEqual([[{ method: 'pay', status: 'ERROR', secondary: 'INVALID_CREDENTIALS', afterMs: 1000, once: true }]]);
  });
});

describe('the relay’s forwarding', () => {
  it('takes overrides from the extension’s background only, never from a tab’s script or another extension', () => {
    const node = new EventTarget();
    const heard: unknown[] = [];
    node.addEventListener(HOOK_OVERRIDES, (e) => heard.push((e as CustomEvent).detail));
    const command = { kind: 'overrides', active: [{ spec: 'pay=none', once: true }] };
    expect(forward(node, command, { id: 'other-extension' })).toBeUndefined();
    expect(forward(node, command, { id: EXTENSION, tab: { id: 1 } })).toBeUndefined();
    expect(forward(node, { kind: 'overrides', active: [{ spec: 1 }] })).toBeUndefined();
    expect(heard).toEqual([]);
    expect(forward(node, command)).toBeInstanceOf(Promise);
    expect(heard).toEqual(['once pay=none']);
  });
});

describe('decodeOverrides', () => {
  it('reads every outcome form', () => {
    expect(decodeOverrides('once pay=CANCELLED@2.5s\nuntil connect=none\nonce link=REDIRECT:SOME_CODE@0s')).toEqual([
      { method: 'pay', status: 'CANCELLED', secondary: null, afterMs: 2500, once: true },
      { method: 'connect', status: null, secondary: null, afterMs: null, once: false },
      { method: 'link', status: 'REDIRECT', secondary: 'SOME_CODE', afterMs: 0, once: true },
    ]);
  });

  it.each([
    'pay=CANCELLED',
    'sometimes pay=CANCELLED',
    'once =CANCELLED',
    'once 1pay=CANCELLED',
    'once pay=cancelled',
    'once pay=DONE',
    'once pay=ERROR:lower',
    'once pay=ERROR@601s',
    'once pay=ERROR@-1s',
    'once pay=ERROR@s',
    'once pay=ERROR@5',
    'once pa-y=ERROR',
  ])('skips a line that is not an override: %s', (line) => {
    expect(decodeOverrides(line)).toEqual([]);
  });

  it('reads an empty set as none', () => {
    expect(decodeOverrides('')).toEqual([]);
  });
});
