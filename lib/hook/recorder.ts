/**
 * Turns what the wrappers observe into hook events and posts them in batches.
 *
 * Work on the page's call path is kept to what cannot wait: a bounded copy of the config
 * (`capture`: the page may change it after the call) and, for the first calls of each
 * method in a flush, an Error for the call site (V8 formats its stack lazily). Redaction,
 * stack parsing, serialising and posting happen in the flush, a later task: the events are
 * built there, from the redacted copy, so nothing unredacted can be posted.
 */
import type { HookEvent } from '../protocol';
import { PAGE_PROTOCOL_VERSION } from '../protocol';
import { capture, redactCapture, type Captured } from './snapshot';
import { callsiteFromStack } from './callsite';
import { MAX_EVENT_CHARS } from '../model/capture-limits';
import { redactStringBounded } from '../privacy/redact';
import { toJson } from './json';
import {
  ErrorCtor,
  descriptor,
  errorMessage,
  getOwnPropertyDescriptor,
  hasOwn,
  newArray,
  now,
  objectCreate,
  reflectDefineProperty,
  round1,
} from '../model/intrinsics';

/** Events held between two flushes; beyond it calls are counted as dropped, not snapshotted. */
export const MAX_QUEUED_EVENTS = 1000;
/** A serialised event larger than this keeps its envelope but loses its payload. */
export const MAX_EVENT_BYTES = MAX_EVENT_CHARS;
/**
 * Largest batch posted at once; a flush sends as many batches as it needs. Well below what
 * the relay reads (`MAX_PAGE_MESSAGE_CHARS` in lib/relay/accept.ts): 1,000 events of up to
 * 64 KiB in one message would be refused whole.
 */
export const MAX_BATCH_CHARS = 512 * 1024;
/**
 * Calls of one method per flush that get a call site. An Error costs several µs at the
 * page's stack depth, most of the call's cost; a page calling a method in a loop makes
 * its calls from the same few places, so the first ones say where. Later calls of the
 * method before the flush have `callsite: null`.
 */
export const MAX_CALLSITES_PER_METHOD = 10;
/** Characters kept of a thrown message or an `sdk` detail, cut after redaction. */
export const MAX_MESSAGE_CHARS = 500;

export interface RecorderDeps {
  /**
   * Delivers one serialised PageBatch to the relay. `false` means nobody received it (the
   * extension was reloaded or removed and its relay is gone): the recorder goes quiet.
   */
  post(batchJson: string): boolean | undefined;
  /** Runs `flush` soon, outside the page's call. */
  schedule(flush: () => void): void;
  /** Epoch milliseconds. */
  clock(): number;
}

/**
 * What a flush turns into events. Calls and callbacks hold a capture, not yet redacted:
 * they become events only through `redactCapture`, in `toEvent`.
 */
type Pending =
  | { kind: 'call'; id: string; time: number; method: string; config: Captured; stack: Error | null }
  | {
      kind: 'callback';
      id: string;
      time: number;
      callId: string;
      data: Captured;
      durationMs: number;
      override: { outcome: string; delivered: Captured | null; fromSdk: boolean } | null;
    }
  | { kind: 'event'; event: HookEvent };

export interface CallHandle {
  id: string;
  startedAt: number;
}

/** An overridden callback: the outcome chosen and what the page's callback got. */
export interface OverrideRecord {
  outcome: string;
  delivered: unknown;
  fromSdk: boolean;
}

export class Recorder {
  /** Prototype-less (see `newArray`): a page setter on `Array.prototype[n]` never sees a pending capture. */
  private queue: Pending[] = newArray();
  private dropped = 0;
  private counter = 0;
  private scheduled = false;
  private quiet = false;
  /** Call sites taken per method since the last flush (prototype-less: method names are the page's). */
  private callsites: Record<string, number> = objectCreate(null) as Record<string, number>;

  constructor(private readonly deps: RecorderDeps) {}

  /** Records a call; null when the queue is full (the call is counted as dropped). */
  call(method: string, config: unknown): CallHandle | null {
    if (!this.hasRoom()) return null;
    const id = this.nextId();
    const time = this.deps.clock();
    const taken = this.callsites[method] ?? 0;
    let stack: Error | null = null;
    if (taken < MAX_CALLSITES_PER_METHOD) {
      this.callsites[method] = taken + 1;
      stack = new ErrorCtor();
    }
    this.push({ kind: 'call', id, time, method, config: capture(config), stack });
    return { id, startedAt: now() };
  }

  callback(call: CallHandle, data: unknown, override: OverrideRecord | null = null): void {
    if (!this.hasRoom()) return;
    this.push({
      kind: 'callback',
      id: this.nextId(),
      time: this.deps.clock(),
      callId: call.id,
      data: capture(data),
      durationMs: round1(now() - call.startedAt),
      override:
        override === null
          ? null
          : {
              outcome: override.outcome,
              delivered: override.delivered === null ? null : capture(override.delivered),
              fromSdk: override.fromSdk,
            },
    });
  }

  callError(call: CallHandle, error: unknown): void {
    // Error messages can quote what the SDK was given (a token): redacted whole, then cut.
    const message = redactStringBounded(errorMessage(error), MAX_MESSAGE_CHARS);
    this.add({ type: 'call-error', id: this.nextId(), time: this.deps.clock(), callId: call.id, message });
  }

  sdk(state: 'hooked' | 'not-hookable', detail: string): void {
    this.add({ type: 'sdk', id: this.nextId(), time: this.deps.clock(), state, detail: redactStringBounded(detail, MAX_MESSAGE_CHARS) });
  }

  /** True once a batch found nobody to receive it: calls are then passed through unrecorded. */
  get isQuiet(): boolean {
    return this.quiet;
  }

  /** Sends everything queued, in batches of at most MAX_BATCH_CHARS. */
  flush(): void {
    this.scheduled = false;
    const queue = this.queue;
    let dropped = this.dropped;
    if (queue.length === 0 && dropped === 0) return;
    this.queue = newArray();
    this.dropped = 0;
    this.callsites = objectCreate(null) as Record<string, number>;
    if (this.quiet) return;
    let events = '';
    let count = 0;
    for (let i = 0; i < queue.length; i++) {
      const json = serialiseBounded(toEvent(queue[i]!));
      if (count > 0 && events.length + json.length + 64 > MAX_BATCH_CHARS) {
        if (!this.post(events, dropped)) return;
        dropped = 0;
        events = '';
        count = 0;
      }
      events += (count === 0 ? '' : ',') + json;
      count++;
    }
    this.post(events, dropped);
  }

  /** Posts one batch; false (and quiet from now on) when nobody received it. */
  private post(events: string, dropped: number): boolean {
    // Assembled by hand so each event is serialised (and bounded) once.
    const delivered = this.deps.post('{"v":' + PAGE_PROTOCOL_VERSION + ',"dropped":' + dropped + ',"events":[' + events + ']}');
    if (delivered === false) {
      this.quiet = true;
      this.queue = newArray();
      this.dropped = 0;
      return false;
    }
    return true;
  }

  private add(event: HookEvent): void {
    if (this.hasRoom()) this.push({ kind: 'event', event });
  }

  /** Whether one more event may be queued; when the queue is full, counts it as dropped. */
  private hasRoom(): boolean {
    if (this.quiet) return false;
    if (this.queue.length >= MAX_QUEUED_EVENTS) {
      this.dropped++;
      this.wake();
      return false;
    }
    return true;
  }

  private push(pending: Pending): void {
    this.queue[this.queue.length] = pending;
    this.wake();
  }

  private wake(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.deps.schedule(() => this.flush());
  }

  private nextId(): string {
    return '' + ++this.counter;
  }
}

/** The event to send: the capture redacted here, in the MAIN world, before serialising. */
function toEvent(pending: Pending): HookEvent {
  switch (pending.kind) {
    case 'call':
      return {
        type: 'call',
        id: pending.id,
        time: pending.time,
        method: pending.method,
        config: redactCapture(pending.config),
        findings: [],
        callsite: pending.stack === null ? null : callsiteFromStack(stackOf(pending.stack)),
      };
    case 'callback': {
      const event: HookEvent = {
        type: 'callback',
        id: pending.id,
        time: pending.time,
        callId: pending.callId,
        data: redactCapture(pending.data),
        durationMs: pending.durationMs,
      };
      const mark = pending.override;
      if (mark === null) return event;
      return {
        ...event,
        override: {
          outcome: mark.outcome,
          delivered: mark.delivered === null ? null : redactCapture(mark.delivered),
          fromSdk: mark.fromSdk,
        },
      };
    }
    default:
      return pending.event;
  }
}

/**
 * The formatted stack of our own Error. V8 formats it on first read through the page's
 * `Error.prepareStackTrace`, if the page set one: that page code would run and receive our
 * Error (with the extension's frames). A plain value is set aside for the read and put
 * back; a page accessor there is not touched, and the call site stays unknown.
 */
function stackOf(error: Error): string {
  let saved: PropertyDescriptor | undefined;
  try {
    saved = getOwnPropertyDescriptor(ErrorCtor, 'prepareStackTrace');
    if (saved !== undefined) {
      if (!hasOwn(saved, 'value') || !saved.configurable) return '';
      saved = descriptor(saved);
      const cleared = descriptor({ value: undefined, writable: true, enumerable: saved.enumerable, configurable: true });
      if (!reflectDefineProperty(ErrorCtor, 'prepareStackTrace', cleared)) return '';
    }
    const stack = error.stack;
    return typeof stack === 'string' ? stack : '';
  } catch {
    return '';
  } finally {
    // Only a plain, configurable value was set aside (`saved` is then prototype-less).
    if (saved !== undefined && hasOwn(saved, 'value') && saved.configurable) reflectDefineProperty(ErrorCtor, 'prepareStackTrace', saved);
  }
}

function serialiseBounded(event: HookEvent): string {
  const json = toJson(event);
  if (json.length <= MAX_EVENT_BYTES) return json;
  const marker = '[truncated: event of ' + json.length + ' characters]';
  const slim =
    event.type === 'call' ? { ...event, config: marker } : event.type === 'callback' ? { ...event, data: marker } : event;
  return toJson(slim);
}
