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
import { ErrorCtor, jsonStringify, now, round1, errorMessage } from './intrinsics';

/** Events held between two flushes; beyond it calls are counted as dropped, not snapshotted. */
export const MAX_QUEUED_EVENTS = 1000;
/** A serialised event larger than this keeps its envelope but loses its payload. */
export const MAX_EVENT_BYTES = 64 * 1024;

export interface RecorderDeps {
  /** Delivers one serialised PageBatch to the relay. */
  post(batchJson: string): void;
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

  constructor(private readonly deps: RecorderDeps) {}

  /** Records a call; null when the queue is full (the call is counted as dropped). */
  call(method: string, config: unknown): CallHandle | null {
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
    this.add({ type: 'call-error', id: this.nextId(), time: this.deps.clock(), callId: call.id, message: errorMessage(error) });
  }

  sdk(state: 'hooked' | 'not-hookable', detail: string): void {
    this.add({ type: 'sdk', id: this.nextId(), time: this.deps.clock(), state, detail });
  }

  /** Sends everything queued as one batch. */
  flush(): void {
    this.scheduled = false;
    const queue = this.queue;
    const dropped = this.dropped;
    if (queue.length === 0 && dropped === 0) return;
    this.queue = [];
    this.dropped = 0;
    let events = '';
    for (let i = 0; i < queue.length; i++) {
      const pending = queue[i]!;
      if (pending.stack !== undefined) pending.event.callsite = callsiteFromStack(stackOf(pending.stack));
      events += (i === 0 ? '' : ',') + serialiseBounded(pending.event);
    }
    // Assembled by hand so each event is serialised (and bounded) once.
    this.deps.post('{"v":' + PAGE_PROTOCOL_VERSION + ',"dropped":' + dropped + ',"events":[' + events + ']}');
  }

  private add(event: HookEvent): void {
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

function stackOf(error: Error): string {
  try {
    const stack = error.stack;
    return typeof stack === 'string' ? stack : '';
  } catch {
    return '';
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
