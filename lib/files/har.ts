/**
 * HAR in: a HAR file saved from the browser's Network panel during a Lean flow, shown on the
 * same timeline as a recorded session. Support gets what customers already know how to save.
 *
 * The conversion is in memory only, for display: it builds the existing session model and is
 * never written out as a session file (the viewer offers no Export for it). Mapping:
 *
 * - each HAR page → a `navigation` event (the document's URL), so documents are separated;
 * - each Lean-relevant request (host `*.leantech.me`, or a Lean loader URL on any host) → a
 *   `call` row whose method is `<HTTP verb> <host>` and whose "config" holds the request and
 *   response facts, answered by a `callback` at the response's end (`SUCCESS` for HTTP
 *   2xx/3xx, `ERROR` for 4xx/5xx or no response, `http_status`, `lean_correlation_id` when a
 *   response header or JSON body carries one), with an error finding when it failed;
 * - a request for the Lean loader script → also a `loader` event (region from its URL);
 * - the CSP headers of the last top-level document → the session's CSP audit.
 *
 * Everything from the file is redacted like the hook redacts: URLs with `redactUrl`, header
 * values under secret-like names (Authorization, Cookie, …) with `redactSecretValue`, others
 * with `redactString`. Request bodies are left out; a response body is kept (redacted, cut to
 * 2,000 characters) only for failed requests, where it says why. Pure: no DOM.
 *
 * About 400 lines but one job, the mapping above, kept in one file so it reads top to bottom.
 */
import { redactSecretValue, redactStringBounded, redactUrl } from '../privacy/redact';
import { isSecretKey } from '../privacy/secret-keys';
import { policiesFromHeaders } from '../csp/headers';
import { auditSessionCsp } from '../csp/session-audit';
import { parseLoaderUrl } from '../model/loader-url';
import { isLeanHost, tryUrl } from '../model/vocabulary';
import { classifyLeanHost } from '../csp';
import type { CallEvent, CallbackEvent, CspAudit, Finding, LoaderEvent, NavigationEvent, SessionEvent, SessionFile, Snapshot } from '../model/types';
import { SESSION_FORMAT, SESSION_VERSION } from '../model/types';

/** Rule source named by the findings the conversion adds. */
export const HAR_SOURCE = 'HAR file (the browser’s Network panel)';
/** Longest response body kept for a failed request. */
export const MAX_HAR_BODY = 2000;
/** Most headers kept per request or response. */
export const MAX_HAR_HEADERS = 100;
/** Most Lean requests shown (a HAR of a long session can hold tens of thousands). */
export const MAX_HAR_REQUESTS = 5000;

export interface HarConversion {
  /** The session model, for display only. */
  file: SessionFile;
  /** `WebInspector 537.36`, `Firefox 128.0` … */
  creator: string | null;
  /** Entries in the HAR. */
  entries: number;
  /** Lean requests shown. */
  requests: number;
  /** Entries left out as malformed (no URL, no valid start time). */
  skipped: number;
  /** Lean requests beyond `MAX_HAR_REQUESTS`, left out. */
  truncated: number;
}

export type HarResult = { ok: true; conversion: HarConversion } | { ok: false; error: string };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A HAR file: `{ log: { entries: [...] } }`. */
export function looksLikeHar(raw: unknown): boolean {
  return isObject(raw) && isObject(raw.log) && Array.isArray(raw.log.entries);
}

/** Is a request Lean-relevant: a `*.leantech.me` host, or the Lean loader wherever it is served from. */
export function isLeanRequest(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:' && parsed.protocol !== 'wss:' && parsed.protocol !== 'ws:') return false;
  return isLeanHost(parsed.hostname) || parseLoaderUrl(url) !== null;
}

/**
 * Which environment a Lean host belongs to, as the SDK host table says (`true` for sandbox,
 * `false` for production); null for a host shared by both (CDN, APM, images) or not Lean's.
 */
export function hostEnvironment(url: string): boolean | null {
  const parsed = tryUrl(url);
  if (parsed === null) return null;
  const { env } = classifyLeanHost(parsed.hostname);
  return env === null ? null : env === 'sandbox';
}

interface Header {
  name: string;
  value: string;
}

function headersOf(value: unknown): Header[] {
  if (!Array.isArray(value)) return [];
  const out: Header[] = [];
  for (const h of value) {
    if (!isObject(h)) continue;
    const name = str(h.name);
    const v = h.value === undefined ? '' : str(h.value) ?? String(h.value);
    if (name !== null) out.push({ name, value: v });
  }
  return out;
}

/** Header values redacted, one key per header name (repeated headers become an array). */
function redactedHeaders(headers: readonly Header[]): Snapshot {
  const out: { [key: string]: Snapshot } = {};
  let count = 0;
  for (const { name, value } of headers) {
    if (count >= MAX_HAR_HEADERS) {
      out['[more headers]'] = `[truncated: ${headers.length - MAX_HAR_HEADERS} more]`;
      break;
    }
    const key = redactStringBounded(name, 128);
    const safe = isSecretKey(name) ? redactSecretValue(name, value) : redactStringBounded(value, MAX_HAR_BODY);
    const existing = Object.hasOwn(out, key) ? out[key] : undefined;
    const next: Snapshot = existing === undefined ? safe : Array.isArray(existing) ? [...existing, safe] : [existing, safe];
    Object.defineProperty(out, key, { value: next, enumerable: true, writable: true, configurable: true });
    count++;
  }
  return out;
}

const CORRELATION_HEADER = /correlation[-_]?id/i;
const CORRELATION_KEYS = ['lean_correlation_id', 'correlation_id', 'correlationId', 'leanCorrelationId'];
const ID_SHAPE = /^[A-Za-z0-9._:-]{4,128}$/;

function correlationIdOf(responseHeaders: readonly Header[], body: string | null, mimeType: string): string | null {
  for (const h of responseHeaders) {
    const value = h.value.trim();
    if (CORRELATION_HEADER.test(h.name) && ID_SHAPE.test(value)) return value;
  }
  if (body !== null && /json/i.test(mimeType) && body.length <= 1_000_000) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (isObject(parsed)) {
        for (const key of CORRELATION_KEYS) {
          const value = str(parsed[key]);
          if (value !== null && ID_SHAPE.test(value)) return value;
        }
      }
    } catch {
      // Not JSON after all.
    }
  }
  return null;
}

function httpFailed(status: number): boolean {
  return status === 0 || status >= 400;
}

interface Page {
  id: string;
  start: number;
  title: string;
  url: string | null;
}

function isUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'file:';
  } catch {
    return false;
  }
}

function isDocumentEntry(entry: Json): boolean {
  const type = str(entry._resourceType);
  if (type !== null) return type === 'document';
  const response = isObject(entry.response) ? entry.response : {};
  const content = isObject(response.content) ? response.content : {};
  return /^text\/html/i.test(str(content.mimeType) ?? '');
}

function creatorOf(log: Json): string | null {
  const creator = isObject(log.creator) ? log.creator : null;
  if (!creator) return null;
  const name = str(creator.name);
  const version = str(creator.version);
  return name ? redactStringBounded(`${name}${version ? ' ' + version : ''}`, 128) : null;
}

export function harToSession(raw: unknown, fileName: string): HarResult {
  if (!looksLikeHar(raw)) return { ok: false, error: `“${fileName}” is not a HAR file: it has no log.entries list.` };
  const log = (raw as { log: Json }).log;
  const entries = log.entries as unknown[];

  // Pages, in order, with the URL of their top-level document.
  const pages = new Map<string, Page>();
  if (Array.isArray(log.pages)) {
    for (const p of log.pages) {
      if (!isObject(p)) continue;
      const id = str(p.id);
      const start = Date.parse(str(p.startedDateTime) ?? '');
      if (id === null || Number.isNaN(start) || pages.has(id)) continue;
      const title = str(p.title) ?? '';
      pages.set(id, { id, start, title, url: isUrl(title) ? title : null });
    }
  }
  const documentOf = new Map<string, Json>();
  for (const entry of entries) {
    if (!isObject(entry) || !isDocumentEntry(entry)) continue;
    const pageref = str(entry.pageref);
    if (pageref === null || documentOf.has(pageref)) continue;
    documentOf.set(pageref, entry);
    const page = pages.get(pageref);
    const request = isObject(entry.request) ? entry.request : {};
    const url = str(request.url);
    if (page && url) page.url = url;
  }

  const events: SessionEvent[] = [];
  let skipped = 0;
  let requests = 0;
  let truncated = 0;
  let sandboxHosts = 0;
  let productionHosts = 0;

  interface Pending {
    index: number;
    start: number;
    entry: Json;
    url: string;
  }
  const lean: Pending[] = [];
  entries.forEach((entry, index) => {
    if (!isObject(entry) || !isObject(entry.request)) {
      skipped++;
      return;
    }
    const url = str(entry.request.url);
    const start = Date.parse(str(entry.startedDateTime) ?? '');
    if (url === null || Number.isNaN(start)) {
      skipped++;
      return;
    }
    if (!isLeanRequest(url)) return;
    if (lean.length >= MAX_HAR_REQUESTS) {
      truncated++;
      return;
    }
    const env = hostEnvironment(url);
    if (env === true) sandboxHosts++;
    else if (env === false) productionHosts++;
    lean.push({ index, start, entry, url });
  });

  if (lean.length === 0) {
    return {
      ok: false,
      error:
        `“${fileName}” holds ${entries.length} request${entries.length === 1 ? '' : 's'}, none of them to *.leantech.me or a Lean loader. ` +
        'Save the HAR from the Network panel while the Lean flow runs (with “Preserve log” on).',
    };
  }

  const harEnvironment = sandboxHosts > 0 && productionHosts === 0 ? true : productionHosts > 0 && sandboxHosts === 0 ? false : null;
  const pageUrl = (pageref: string | null): string => {
    const page = pageref === null ? undefined : pages.get(pageref);
    return page?.url ? redactUrl(page.url) : '';
  };

  for (const page of pages.values()) {
    if (!page.url) continue;
    const url = redactUrl(page.url);
    const navigation: NavigationEvent = { type: 'navigation', id: `har-page-${events.length}`, time: page.start, frameUrl: url, url };
    events.push(navigation);
  }

  for (const { index, start, entry, url } of lean) {
    const request = entry.request as Json;
    const response = isObject(entry.response) ? entry.response : {};
    const content = isObject(response.content) ? response.content : {};
    const verb = (str(request.method) ?? 'GET').toUpperCase().slice(0, 16);
    const status = num(response.status) ?? 0;
    const statusText = str(response.statusText) ?? '';
    const error = str(response._error) ?? str(entry._error);
    const took = Math.max(0, num(entry.time) ?? 0);
    const mimeType = str(content.mimeType) ?? '';
    const responseHeaders = headersOf(response.headers);
    const bodyText = str(content.encoding) === 'base64' ? null : str(content.text);
    const failed = httpFailed(status);
    const safeUrl = redactUrl(url);
    let host = '';
    try {
      host = new URL(url).host;
    } catch {
      host = 'unknown host';
    }
    const frameUrl = pageUrl(str(entry.pageref)) || safeUrl;

    const config: { [key: string]: Snapshot } = { url: safeUrl, method: verb, status };
    if (statusText) config.status_text = redactStringBounded(statusText, 200);
    if (error) config.error = redactStringBounded(error, 500);
    const resourceType = str(entry._resourceType);
    if (resourceType) config.resource_type = resourceType.slice(0, 64);
    if (mimeType) config.mime_type = mimeType.slice(0, 200);
    config.started = new Date(start).toISOString();
    config.duration_ms = Math.round(took);
    config.request_headers = redactedHeaders(headersOf(request.headers));
    config.response_headers = redactedHeaders(responseHeaders);
    const postData = isObject(request.postData) ? request.postData : null;
    if (postData) {
      const length = str(postData.text)?.length ?? 0;
      config.request_body = `[request body left out: ${length} characters${str(postData.mimeType) ? ' of ' + str(postData.mimeType)!.slice(0, 100) : ''}]`;
    }
    if (failed && bodyText) config.response_body = redactStringBounded(bodyText, MAX_HAR_BODY);
    const env = hostEnvironment(url) ?? harEnvironment;
    if (env !== null) config.sandbox = env;

    const findings: Finding[] = [];
    if (failed) {
      findings.push({
        code: 'har-request-failed',
        severity: 'error',
        field: null,
        message:
          status === 0
            ? `${verb} ${safeUrl} got no response${error ? ` (${redactStringBounded(error, 200)})` : ''}: blocked, cancelled or a network error.`
            : `${verb} ${safeUrl} answered HTTP ${status}${statusText ? ' ' + redactStringBounded(statusText, 100) : ''}.`,
        source: HAR_SOURCE,
      });
    }

    const initiator = isObject(entry._initiator) ? entry._initiator : null;
    const initiatorUrl = initiator ? str(initiator.url) : null;
    const initiatorLine = initiator ? num(initiator.lineNumber) : null;
    const callsite = initiatorUrl ? `${redactUrl(initiatorUrl)}${initiatorLine !== null ? `:${initiatorLine + 1}` : ''}` : null;

    const id = `har-${index}`;
    const call: CallEvent = { type: 'call', id, time: start, frameUrl, method: `${verb} ${host}`, config, findings, callsite };
    const data: { [key: string]: Snapshot } = {
      status: failed ? 'ERROR' : 'SUCCESS',
      message: status === 0 ? `No response${error ? ': ' + redactStringBounded(error, 200) : ''}` : `HTTP ${status}${statusText ? ' ' + redactStringBounded(statusText, 100) : ''}`,
      http_status: status,
    };
    const correlationId = correlationIdOf(responseHeaders, bodyText, mimeType);
    if (correlationId) data.lean_correlation_id = redactStringBounded(correlationId, 128);
    const callback: CallbackEvent = { type: 'callback', id: `${id}-response`, time: start + took, frameUrl, callId: id, data, durationMs: took };

    const loader = parseLoaderUrl(url);
    if (loader) {
      const event: LoaderEvent = {
        type: 'loader',
        id: `${id}-loader`,
        time: start,
        frameUrl,
        src: safeUrl,
        region: loader.region,
        insertedAt: start,
        afterInteraction: false,
      };
      events.push(event);
    }
    events.push(call, callback);
    requests++;
  }

  // Oldest first; at equal times a page's navigation comes before its requests, a call before its answer.
  const rank = (e: SessionEvent) => (e.type === 'navigation' ? 0 : e.type === 'loader' ? 1 : e.type === 'call' ? 2 : 3);
  events.sort((a, b) => a.time - b.time || rank(a) - rank(b));

  // The CSP the last top-level document was served with, audited like a recorded session's.
  const lastPage = [...pages.values()].filter((p) => documentOf.has(p.id)).pop();
  const documentEntry = lastPage ? documentOf.get(lastPage.id) : undefined;
  const tabUrl = redactUrl(lastPage?.url ?? [...pages.values()].find((p) => p.url)?.url ?? lean[0]!.url);
  let csp: CspAudit | null = null;
  if (documentEntry) {
    const response = isObject(documentEntry.response) ? documentEntry.response : {};
    const policies = policiesFromHeaders(headersOf(response.headers)).map((p) => ({ ...p, text: p.text.slice(0, 16_384) }));
    if (policies.length) csp = auditSessionCsp(policies, tabUrl, events);
  }

  const first = events[0]!;
  return {
    ok: true,
    conversion: {
      file: {
        format: SESSION_FORMAT,
        version: SESSION_VERSION,
        exportedAt: new Date(first.time).toISOString(),
        extension: { version: 'HAR', browser: creatorOf(log) ?? 'unknown' },
        tab: { url: tabUrl, title: redactStringBounded(lastPage?.title ?? '', 500) },
        events,
        droppedEvents: 0,
        csp,
      },
      creator: creatorOf(log),
      entries: entries.length,
      requests,
      skipped,
      truncated,
    },
  };
}
