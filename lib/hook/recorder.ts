/**
 * Turns what the wrappers observe into hook events and posts them in batches.
 *
 * Work on the page's call path is kept to what cannot wait: the redacted snapshot (the
 * config may change after the call) and an Error for the call site (V8 formats its
 * stack lazily). Serialising, stack parsing and posting happen in a later task.
 */
import type { HookEvent } from '../protocol';
import { PAGE_PROTOCOL_VERSION } from '../protocol';
import { snapshot } from './snapshot';
import { callsiteFromStack } from './callsite';
import { redactString } from './redact';
import { ErrorCtor, defineProperty, getOwnPropertyDescriptor, jsonStringify, now, round1, errorMessage } from './intrinsics';

/** Events held between two flushes; beyond it calls are counted as dropped, not snapshotted. */
export const MAX_QUEUED_EVENTS = 1000;
/** A serialised event larger than this keeps its envelope but loses its payload. */
export const MAX_EVENT_BYTES = 64 * 1024;
/**
 * Largest batch posted at once; a flush sends as many batches as it needs. Well below what
 * the relay reads (`MAX_PAGE_MESSAGE_CHARS` in lib/relay/accept.ts): 1,000 events of up to
 * 64 KiB in one message would be refused whole.
 */
export const MAX_BATCH_CHARS = 512 * 1024;

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

interface PendingCall {
  event: Extract<HookEvent, { type: 'call' }>;
  stack: Error;
}

type Pending = PendingCall | { event: HookEvent; stack?: undefined };

export interface CallHandle {
  id: string;
  startedAt: number;
}

export class Recorder {
  private queue: Pending[] = [];
  private dropped = 0;
  private counter = 0;
  private scheduled = false;
  private quiet = false;

  constructor(private readonly deps: RecorderDeps) {}

  /** Records a call; null when the queue is full (the call is counted as dropped). */
  call(method: string, config: unknown): CallHandle | null {
    if (this.quiet) return null;
    if (this.queue.length >= MAX_QUEUED_EVENTS) {
      this.dropped++;
      this.wake();
      return null;
    }
    const id = this.nextId();
    const time = this.deps.clock();
    this.push({
      event: { type: 'call', id, time, method, config: snapshot(config), findings: [], callsite: null },
      stack: new ErrorCtor(),
    });
    return { id, startedAt: now() };
  }

  callback(call: CallHandle, data: unknown): void {
    this.add({
      type: 'callback',
      id: this.nextId(),
      time: this.deps.clock(),
      callId: call.id,
      data: snapshot(data),
      durationMs: round1(now() - call.startedAt),
    });
  }

  callError(call: CallHandle, error: unknown): void {
    // Error messages can quote what the SDK was given (a token): redacted like any string.
    const message = redactString(errorMessage(error));
    this.add({ type: 'call-error', id: this.nextId(), time: this.deps.clock(), callId: call.id, message });
  }

  sdk(state: 'hooked' | 'not-hookable', detail: string): void {
    this.add({ type: 'sdk', id: this.nextId(), time: this.deps.clock(), state, detail: redactString(detail) });
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
    this.queue = [];
    this.dropped = 0;
    if (this.quiet) return;
    let events = '';
    let count = 0;
    for (let i = 0; i < queue.length; i++) {
      const pending = queue[i]!;
      if (pending.stack !== undefined) pending.event.callsite = callsiteFromStack(stackOf(pending.stack));
      const json = serialiseBounded(pending.event);
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
      this.queue = [];
      this.dropped = 0;
      return false;
    }
    return true;
  }

  private add(event: HookEvent): void {
    if (this.quiet) return;
    if (this.queue.length >= MAX_QUEUED_EVENTS) {
      this.dropped++;
      this.wake();
      return;
    }
    this.push({ event });
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
      if (!('value' in saved) || !saved.configurable) return '';
      defineProperty(ErrorCtor, 'prepareStackTrace', { value: undefined, writable: true, enumerable: saved.enumerable, configurable: true });
    }
    const stack = error.stack;
    return typeof stack === 'string' ? stack : '';
  } catch {
    return '';
  } finally {
    if (saved !== undefined && 'value' in saved && saved.configurable) {
      try {
        defineProperty(ErrorCtor, 'prepareStackTrace', saved);
      } catch {
        // Nothing more we can do; the page's value was plain data.
      }
    }
  }
}

function serialiseBounded(event: HookEvent): string {
  const json = jsonStringify(event);
  if (json.length <= MAX_EVENT_BYTES) return json;
  const marker = '[truncated: event of ' + json.length + ' characters]';
  const slim =
    event.type === 'call' ? { ...event, config: marker } : event.type === 'callback' ? { ...event, data: marker } : event;
  return jsonStringify(slim);
}
