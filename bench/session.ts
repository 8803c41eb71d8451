/**
 * A realistic 10,000-event session for the panel and memory figures, in the shape the
 * extension itself stores: configs are copied and redacted by the hook's own snapshot
 * (`lib/hook/snapshot.ts`), findings come from the background's own validator
 * (`lib/background/findings.ts`), ids carry the relay's per-document prefix.
 *
 * A session is a merchant's test tab after a long afternoon: document after document of
 * checkout pages (navigation, loader, `sdk hooked`), each with connect / pay / checkout /
 * reconnect … calls and their callbacks (success, errors, cancellations), redirect flows
 * to the bank and back (`captureRedirect` on the return page), calls that threw and a few
 * that never answered. Deterministic (seeded), so every run renders the same rows.
 *
 * Two config profiles (see `ConfigProfile`). The panel figures use `typical`: 10,000 events
 * of the `rich` profile do not fit in `storage.session` at all (its 10 MiB quota counts
 * about 1.6 KB per such event), which the benchmark reports as a finding.
 */
import { snapshot } from '../lib/hook/snapshot';
import { withFindings } from '../lib/background/findings';
import type { CallEvent, SessionEvent, Snapshot } from '../lib/model/types';
import { encodeTab } from '../lib/background/store';

export const SHOP_ORIGIN = 'https://shop.example';

/** mulberry32: a tiny seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hex(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rand() * 16).toString(16);
  return s;
}

function uuid(rand: () => number): string {
  return `${hex(rand, 8)}-${hex(rand, 4)}-4${hex(rand, 3)}-a${hex(rand, 3)}-${hex(rand, 12)}`;
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

/** A JWT-shaped access token (the hook redacts it to a marker with exp and sub). */
function jwt(rand: () => number, sub: string): string {
  const head = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const body = base64url(JSON.stringify({ sub, exp: 1_900_000_000 + Math.floor(rand() * 1e6), scope: 'api' }));
  return `${head}.${body}.${base64url(hex(rand, 40))}`;
}

const METHODS = ['connect', 'pay', 'reconnect', 'updatePaymentSource', 'manageConsents', 'verifyAddress', 'connect', 'pay'] as const;
const BANKS = ['LEANMB1', 'ENBD_UAE', 'ADCB_UAE', 'FAB_UAE', 'MASHREQ_UAE'];
const EXIT_POINTS = ['BANK_SELECTION', 'BANK_LOGIN', 'CONSENT', 'PAYMENT_REVIEW', 'SUCCESS'];

/**
 * What configs look like in a session:
 * - `rich`: about 15 fields per call (the shape of `bench/pages/hook-bench.js`, the config
 *   the hook-overhead figure uses): tokens, customization, redirect URLs, metadata;
 * - `typical`: what most integrations pass, 5 to 9 fields (the required ones, `sandbox`,
 *   the callback, and sometimes an access token, a bank, a language, a colour), sized so
 *   that a full tab (10,000 events) fits in `storage.session` as the store lays it out.
 */
export type ConfigProfile = 'rich' | 'typical';

/** A config for `method`, valid for it; one in ten carries a mistake the validator reports. */
export function makeConfig(rand: () => number, method: string, customer: string, profile: ConfigProfile = 'rich'): Record<string, unknown> {
  const rich = profile === 'rich';
  const sometimes = (p: number) => rich || rand() < p;
  const config: Record<string, unknown> = { app_token: uuid(rand) };
  const bank = () => (sometimes(0.3) ? { bank_identifier: BANKS[Math.floor(rand() * BANKS.length)] } : {});
  switch (method) {
    case 'connect':
      Object.assign(config, {
        customer_id: customer,
        permissions: ['identity', 'accounts', 'balance', 'transactions'],
        ...bank(),
        ...(rich ? { account_type: 'PERSONAL' } : {}),
      });
      break;
    case 'pay':
    case 'checkout':
      Object.assign(config, {
        payment_intent_id: uuid(rand),
        ...bank(),
        ...(method === 'checkout' ? { customer_name: 'Layla Haddad' } : rich ? { account_id: uuid(rand) } : {}),
      });
      break;
    case 'reconnect':
      Object.assign(config, { reconnect_id: uuid(rand) });
      break;
    case 'updatePaymentSource':
      Object.assign(config, { customer_id: customer, payment_destination_id: uuid(rand), payment_source_id: uuid(rand) });
      break;
    case 'verifyAddress':
      Object.assign(config, { customer_id: customer, customer_name: 'Layla Haddad' });
      break;
    default:
      config.customer_id = customer;
  }
  if (sometimes(0.2)) config.access_token = jwt(rand, customer);
  config.sandbox = true;
  if (sometimes(0.15)) config.language = rand() < 0.5 ? 'en' : 'ar';
  if (rich) {
    config.customization = {
      theme_color: '#0f766e',
      button_text_color: '#ffffff',
      button_border_radius: '8',
      link_color: '#0f766e',
      overlay_color: 'rgba(0, 0, 0, 0.8)',
      dialog_mode: 'uncontained',
    };
  } else if (rand() < 0.1) {
    config.customization = { theme_color: '#0f766e', button_text_color: '#ffffff' };
  }
  config.callback = function onLeanResult() {};
  const flow = method !== 'manageConsents' && method !== 'captureRedirect';
  if (flow && rich) {
    Object.assign(config, {
      end_user_id: customer,
      destination_alias: 'Acme Store',
      customer_metadata: { order_id: `ord-${hex(rand, 6)}`, channel: 'web' },
    });
  }
  if ((flow && rich) || method === 'checkout') {
    Object.assign(config, {
      success_redirect_url: `${SHOP_ORIGIN}/lean/return?result=success`,
      fail_redirect_url: `${SHOP_ORIGIN}/lean/return?result=failed`,
    });
  }
  // The mistakes the panel exists for: a bad colour, a misspelt field, a missing id.
  const mistake = rand();
  if (mistake < 0.04) config.customization = { ...(config.customization as object), theme_color: 'teal-ish' };
  else if (mistake < 0.07) config.sandobx = true;
  else if (mistake < 0.1) delete config.app_token;
  return config;
}

function callbackData(rand: () => number, status: string, correlation: string, profile: ConfigProfile): Record<string, unknown> {
  const bank = BANKS[Math.floor(rand() * BANKS.length)]!;
  const data: Record<string, unknown> = {
    status,
    message:
      status === 'SUCCESS'
        ? 'Connected successfully.'
        : status === 'CANCELLED'
          ? 'User cancelled the flow.'
          : status === 'REDIRECT'
            ? 'Redirecting to the bank.'
            : 'The bank rejected the credentials.',
    exit_point: status === 'SUCCESS' ? 'SUCCESS' : EXIT_POINTS[Math.floor(rand() * (EXIT_POINTS.length - 1))],
    secondary_status: status === 'ERROR' ? 'INVALID_CREDENTIALS' : null,
    last_api_response: status === 'SUCCESS' ? 'ENTITY_CREATED' : 'AWAITING_USER_INPUT',
    lean_correlation_id: correlation,
  };
  if (profile === 'rich' || rand() < 0.25) data.bank = { bank_identifier: bank, is_supported: true };
  if (status === 'REDIRECT') data.open_banking_redirect_url = `https://ob.sandbox.leanmockbank.ae/authorize?client=${hex(rand, 16)}`;
  return data;
}

export interface GeneratedSession {
  events: SessionEvent[];
  /** Correlation ids of callbacks, in order: filter terms that match exactly one row. */
  correlationIds: string[];
}

/** `count` events (exactly), oldest first. */
export function realisticSession(count = 10_000, options: { profile?: ConfigProfile; seed?: number } = {}): GeneratedSession {
  const profile = options.profile ?? 'typical';
  const seed = options.seed ?? 42;
  const rand = prng(seed);
  const events: SessionEvent[] = [];
  const correlationIds: string[] = [];
  let time = Date.now() - 4 * 3600_000;
  let doc = 0;
  let prefix = '';
  let n = 0;
  let frameUrl = '';
  /** Events of the current document: what the validator compares a call with. */
  let docEvents: SessionEvent[] = [];
  const push = (event: SessionEvent) => {
    events.push(event);
    docEvents.push(event);
  };
  const navigate = (url: string) => {
    doc++;
    prefix = hex(rand, 8) + ':';
    n = 0;
    frameUrl = url;
    docEvents = [];
    push({ type: 'navigation', id: 'nav:' + uuid(rand), time, frameUrl: url, url });
    time += Math.round(30 + rand() * 120);
    push({
      type: 'loader',
      id: `${prefix}r${++n}`,
      time,
      frameUrl,
      src: 'https://cdn.leantech.me/link/loader/prod/ae/latest/lean-link-loader.min.js',
      region: 'ae',
      insertedAt: time,
      afterInteraction: false,
    });
    time += Math.round(40 + rand() * 200);
    push({ type: 'sdk', id: `${prefix}${++n}`, time, frameUrl, state: 'hooked', detail: 'Lean is a class instance' });
  };
  const call = (method: string, config: Record<string, unknown>): CallEvent => {
    time += Math.round(400 + rand() * 4000);
    const raw: CallEvent = {
      type: 'call',
      id: `${prefix}${++n}`,
      time,
      frameUrl,
      method,
      config: stored(config),
      findings: [],
      callsite: `${SHOP_ORIGIN}/js/checkout.js:${100 + Math.floor(rand() * 900)}:${1 + Math.floor(rand() * 40)}`,
    };
    const prepared = withFindings(raw, docEvents) as CallEvent;
    push(prepared);
    return prepared;
  };
  const answer = (c: CallEvent, status: string) => {
    const durationMs = Math.round((150 + rand() * 9000) * 10) / 10;
    const correlation = uuid(rand);
    correlationIds.push(correlation);
    push({
      type: 'callback',
      id: `${prefix}${++n}`,
      time: Math.round(c.time + durationMs),
      frameUrl,
      callId: c.id,
      data: stored(callbackData(rand, status, correlation, profile)),
      durationMs,
    });
    time = Math.max(time, Math.round(c.time + durationMs));
  };

  while (events.length < count) {
    navigate(`${SHOP_ORIGIN}/checkout`);
    const customer = uuid(rand);
    const calls = 8 + Math.floor(rand() * 14);
    for (let k = 0; k < calls && events.length < count; k++) {
      const method = METHODS[Math.floor(rand() * METHODS.length)]!;
      const c = call(method, makeConfig(rand, method, customer, profile));
      const r = rand();
      if (r < 0.03) {
        time += 1;
        push({ type: 'call-error', id: `${prefix}${++n}`, time, frameUrl, callId: c.id, message: "TypeError: Cannot read properties of undefined (reading 'app_token')" });
      } else if (r < 0.05) {
        // Never answered (the user closed the tab, or the SDK lost the callback).
      } else {
        answer(c, r < 0.7 ? 'SUCCESS' : r < 0.85 ? 'ERROR' : 'CANCELLED');
      }
    }
    // A redirect flow every other document: checkout → the bank → captureRedirect.
    if (doc % 2 === 0 && events.length < count) {
      const c = call('checkout', makeConfig(rand, 'checkout', customer, profile));
      answer(c, 'REDIRECT');
      time += Math.round(20_000 + rand() * 40_000);
      navigate(`${SHOP_ORIGIN}/lean/return?result=success`);
      const capture = makeConfig(rand, 'captureRedirect', customer, profile);
      capture.consent_attempt_id = uuid(rand);
      capture.granular_status_code = 'ACCEPTED_BY_BANK';
      if (events.length < count) answer(call('captureRedirect', capture), 'SUCCESS');
    }
    time += Math.round(5_000 + rand() * 60_000);
  }
  const kept = events.slice(0, count);
  const present = new Set(kept.flatMap((e) => (e.type === 'callback' ? [(e.data as Record<string, Snapshot>).lean_correlation_id] : [])));
  return { events: kept, correlationIds: correlationIds.filter((id) => present.has(id)) };
}

/** The items `lib/background/store.ts` keeps for a tab (its `encodeTab` layout). */
export function storeItems(tabId: number, events: readonly SessionEvent[], url = `${SHOP_ORIGIN}/checkout`): Record<string, unknown> {
  return encodeTab(tabId, { url, title: 'Checkout · Acme Store' }, events);
}

/** The hook's snapshot as the background gets it: through the JSON the hook posts (its arrays have no prototype). */
function stored(value: unknown): Snapshot {
  return JSON.parse(JSON.stringify(snapshot(value))) as Snapshot;
}
