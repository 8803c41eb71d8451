/** Session builders for the panel's unit and component tests. */
import { signal, type ReadonlySignal } from '@preact/signals';
import type { TabSession } from '../../../lib/protocol';
import type { LiveTabSource, ShownSession } from '../../../components/app/source';
import type { CallEvent, CallbackEvent, Finding, SessionEvent, Snapshot } from '../../../lib/model/types';

export const SHOP = 'https://shop.example/checkout';
export const RETURN = 'https://shop.example/return';

export class SessionBuilder {
  readonly events: SessionEvent[] = [];
  private n = 0;
  time = 1_700_000_000_000;
  frameUrl = SHOP;

  private id(prefix: string): string {
    return `${prefix}${++this.n}`;
  }

  at(ms: number): this {
    this.time += ms;
    return this;
  }

  navigate(url: string): this {
    this.frameUrl = url;
    this.events.push({ type: 'navigation', id: this.id('nav'), time: this.time, frameUrl: url, url });
    return this;
  }

  loader(options: { region?: 'ae' | 'sa' | null; afterInteraction?: boolean; src?: string } = {}): this {
    const region = options.region === undefined ? 'ae' : options.region;
    this.events.push({
      type: 'loader',
      id: this.id('ld'),
      time: this.time,
      frameUrl: this.frameUrl,
      src: options.src ?? `https://cdn.leantech.me/link/loader/prod/${region ?? 'ae'}/latest/lean-link-loader.min.js`,
      region,
      insertedAt: this.time,
      afterInteraction: options.afterInteraction ?? false,
    });
    return this;
  }

  sdk(state: 'hooked' | 'not-hookable' = 'hooked', detail = 'Lean is a class instance'): this {
    this.events.push({ type: 'sdk', id: this.id('sdk'), time: this.time, frameUrl: this.frameUrl, state, detail });
    return this;
  }

  call(method: string, config: Snapshot, findings: Finding[] = [], callsite = 'https://shop.example/app.js:42:7'): CallEvent {
    const call: CallEvent = { type: 'call', id: this.id('call'), time: this.time, frameUrl: this.frameUrl, method, config, findings, callsite };
    this.events.push(call);
    return call;
  }

  callback(call: CallEvent, data: Snapshot, durationMs = 250): CallbackEvent {
    const cb: CallbackEvent = {
      type: 'callback',
      id: this.id('cb'),
      time: call.time + durationMs,
      frameUrl: call.frameUrl,
      callId: call.id,
      data,
      durationMs,
    };
    this.time = Math.max(this.time, cb.time);
    this.events.push(cb);
    return cb;
  }

  session(): TabSession {
    return {
      tabId: 7,
      url: this.frameUrl,
      title: 'Checkout',
      events: [...this.events],
      droppedEvents: 0,
      refusedMessages: 0,
      csp: null,
    };
  }
}

export const APP_TOKEN = '[redacted app_token …3a4f]';
export const ACCESS_TOKEN = '[redacted access_token jwt exp=2026-11-23T19:00:00Z sub=cust-1 …9xQa]';

export function finding(severity: Finding['severity'], field: string | null, code = 'missing-required'): Finding {
  return {
    code,
    severity,
    field,
    message: `${field ?? 'config'} has a ${severity} problem`,
    source: 'SDK reference §1, method table',
    fix: `Fix ${field ?? 'the config'}.`,
  };
}

/**
 * The demo's story: connect (success), pay (error, with findings), checkout (redirect) →
 * the bank → the return page's captureRedirect (success).
 */
export function demoEvents(): { builder: SessionBuilder; ids: Record<string, string> } {
  const b = new SessionBuilder();
  b.navigate(SHOP).loader().at(40).sdk().at(1000);
  const connect = b.call('connect', {
    app_token: APP_TOKEN,
    customer_id: 'cust-1',
    permissions: ['identity', 'accounts'],
    sandbox: true,
    access_token: ACCESS_TOKEN,
    callback: '[function onResult]',
  });
  b.callback(connect, { status: 'SUCCESS', message: 'Connected.', lean_correlation_id: 'corr-connect-1111', bank: { bank_identifier: 'LEANMB1', is_supported: true } }, 300);
  b.at(500);
  const pay = b.call(
    'pay',
    { app_token: APP_TOKEN, payment_intent_id: 'pi-1', sandbox: true, callback: '[function]', customization: { theme_color: 'blue' } },
    [finding('error', 'customization.theme_color', 'invalid-color'), finding('warning', null, 'late-call')],
  );
  b.callback(pay, { status: 'ERROR', message: 'Bad credentials', secondary_status: 'INVALID_CREDENTIALS', lean_correlation_id: 'corr-pay-2222', exit_point: 'BANK_LOGIN', mystery_field: 'x' }, 400);
  b.at(500);
  const checkout = b.call('checkout', {
    app_token: APP_TOKEN,
    payment_intent_id: 'pi-2',
    success_redirect_url: RETURN + '?result=success',
    fail_redirect_url: RETURN + '?result=failed',
    sandbox: true,
    callback: '[function]',
  });
  b.callback(checkout, { status: 'REDIRECT', lean_correlation_id: 'corr-checkout-3333', open_banking_redirect_url: 'https://bank.example/auth' }, 150);
  b.at(2000).navigate(RETURN + '?result=success&consent_attempt_id=ca-1').loader().at(30).sdk().at(20);
  const capture = b.call('captureRedirect', { app_token: APP_TOKEN, customer_id: 'cust-1', consent_attempt_id: 'ca-1', sandbox: true, callback: '[function]' });
  b.callback(capture, { status: 'SUCCESS', lean_correlation_id: 'corr-capture-4444' }, 280);
  return { builder: b, ids: { connect: connect.id, pay: pay.id, checkout: checkout.id, capture: capture.id } };
}

/** `count` calls (half answered) on one document: the 10,000-event benchmark session. */
export function bigSession(count: number): SessionEvent[] {
  const b = new SessionBuilder();
  b.navigate(SHOP).loader().sdk();
  const methods = ['connect', 'pay', 'checkout', 'reconnect', 'manageConsents'];
  while (b.events.length < count) {
    b.at(7);
    const i = b.events.length;
    const call = b.call(methods[i % methods.length]!, {
      app_token: APP_TOKEN,
      customer_id: `cust-${i}`,
      payment_intent_id: `pi-${i}`,
      permissions: ['identity', 'accounts', 'balance'],
      sandbox: true,
      customization: { theme_color: '#0080ff', button_text_color: '#ffffff' },
      callback: '[function]',
    }, i % 11 === 0 ? [finding('warning', 'customer_id')] : []);
    if (b.events.length < count) b.callback(call, { status: i % 3 ? 'SUCCESS' : 'ERROR', lean_correlation_id: `corr-${i}`, message: 'done' }, 120);
  }
  return b.events.slice(0, count);
}

/** A live tab's source for `App`, connected, with export and clear doing nothing unless given. */
export function liveSource(
  session: ReadonlySignal<ShownSession | null>,
  options: Partial<Pick<LiveTabSource, 'connected' | 'onExport' | 'onClear' | 'overrides' | 'onOverride'>> = {},
): LiveTabSource {
  return {
    kind: 'tab',
    session,
    connected: signal(true),
    onExport: () => {},
    onClear: () => {},
    overrides: signal([]),
    onOverride: () => {},
    ...options,
  };
}
