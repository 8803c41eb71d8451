/**
 * The support report: a Markdown summary of one call (or of a whole session) to paste into
 * a ticket. Pure: the same input gives the same text (times in UTC, no locale), so golden
 * files pin it down (test/fixtures/report/).
 *
 * Safe by construction (`./sanitize`): secret-like keys never show a raw value, free text is
 * redacted again, personal data is left out unless `includePersonalData`; page values go
 * into code spans or escaped text (`./markdown`), never into links or HTML.
 */
import type { CallRow, Outcome } from '../model/pairing';
import { buildRows, field, isSdkCallback, lastSdkCallback, overrideOf } from '../model/pairing';
import { outcomeOf as outcomeLabelOf } from '../model/outcome-coverage';
import type { CspAudit, CspPolicy, Finding, LoaderEvent, SessionEvent, Snapshot } from '../model/types';
import { isLeanUrl, policyLabel, REGION_NAME } from '../model/vocabulary';
import { citeSource, explainCallback, sessionFindings } from '../rules';
import { code, fence, oneLine, text } from './markdown';
import { createSanitizer, sessionSnapshots } from '../privacy/sanitize';
import type { Sanitizer } from '../privacy/sanitize';

export interface ReportSession {
  url: string;
  title: string;
  events: readonly SessionEvent[];
  droppedEvents: number;
  csp: CspAudit | null;
}

/** Who recorded the session: the extension and browser. */
export interface RecordedWith {
  extensionVersion: string;
  browser: string;
  /** `Chrome 131.0.6778.85`, when known. */
  browserVersion?: string | null;
}

/** Where the report's data comes from. */
export type ReportSource =
  | { kind: 'live' }
  | { kind: 'session-file'; fileName: string; exportedAt: string }
  | { kind: 'har'; fileName: string; creator: string | null };

export interface ReportInput {
  session: ReportSession;
  recordedWith: RecordedWith;
  source: ReportSource;
  /** The call to report on, or null for the whole session. */
  callId: string | null;
  /** When the report is made (epoch ms), for its "generated" line. */
  now: number;
  /** The time session rules judge at (a 5 s grace for captureRedirect): the panel's clock, or an imported file's end. Default `now`. */
  rulesNow?: number;
  /** `Lean DevTools 0.1.0`: what made the report. */
  generator: string;
}

export interface ReportOptions {
  /** Customer name, risk_details and other end-user fields; off by default. */
  includePersonalData: boolean;
}

/** Calls listed in a session report's table before it says how many more there are. */
export const MAX_TABLE_CALLS = 200;
/** Correlation IDs a session report lists in its summary. */
export const MAX_LISTED_IDS = 20;
/** Longest JSON block (characters) a report quotes. */
export const MAX_JSON = 6000;
/** Calls a report on a selection quotes the config and callback data of; beyond, facts and findings only. */
export const MAX_JSON_CALLS = 10;

const SEVERITY_WORD = { error: 'Error', warning: 'Warning', info: 'Info' } as const;
const OUTCOME_WORDS: Record<Outcome, string> = {
  success: 'SUCCESS',
  error: 'ERROR',
  cancelled: 'CANCELLED',
  redirect: 'REDIRECT',
  closed: 'LINK_CLOSED_PROGRAMMATICALLY',
  threw: 'the SDK method threw',
  pending: 'no callback yet',
  'no-callback': 'no callback (none was passed)',
};

/** `2026-11-23 18:00:01.234 UTC` */
export function utc(epochMs: number): string {
  if (!Number.isFinite(epochMs)) return 'unknown';
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) return 'unknown';
  return date.toISOString().replace('T', ' ').replace('Z', ' UTC');
}

function utcFromIso(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? text(iso) : utc(ms);
}

function stringField(data: Snapshot | undefined, key: string): string | null {
  const value = field(data, key);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** The audit names a policy by index; an index past the stored policies still gets a name. */
function blockingPolicyLabel(policy: CspPolicy | undefined, index: number): string {
  return policy ? policyLabel(policy, index) : `Policy ${index + 1}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

function fileOf(url: string): string {
  try {
    const path = new URL(url).pathname;
    return path.slice(path.lastIndexOf('/') + 1) || url;
  } catch {
    return url;
  }
}


class Writer {
  readonly lines: string[] = [];
  line(value = ''): this {
    this.lines.push(value);
    return this;
  }
  fact(label: string, value: string): this {
    return this.line(`- **${label}:** ${value}`);
  }
  toString(): string {
    return this.lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
  }
}

interface Context {
  input: ReportInput;
  options: ReportOptions;
  s: Sanitizer;
  rows: CallRow[];
}

/** A page value as a code span, redacted and scrubbed, or `—` when empty. */
function val(ctx: Context, value: string | null | undefined, inTable = false): string {
  if (value === null || value === undefined || value === '') return '—';
  return code(ctx.s.text(value), inTable);
}

/** Page prose (a message) as escaped text. */
function prose(ctx: Context, value: string): string {
  return text(ctx.s.text(value));
}

function json(ctx: Context, value: Snapshot): string {
  let body = JSON.stringify(ctx.s.snapshot(value), null, 2) ?? 'null';
  if (body.length > MAX_JSON) body = body.slice(0, MAX_JSON) + `\n… (${body.length - MAX_JSON} more characters: see the session file)`;
  return fence(body, 'json');
}

/** What the SDK answered last: an override's synthetic outcome is never presented as the customer's. */
function lastCallback(row: CallRow): Snapshot | undefined {
  return lastSdkCallback(row)?.data;
}

/** The synthetic outcome an override handed the page's callback, or null. */
function deliveredOutcome(row: CallRow): string | null {
  for (const c of row.callbacks) {
    const outcome = outcomeLabelOf(c.override?.delivered ?? undefined);
    if (outcome !== null) return outcome;
  }
  return null;
}

/** ` (overridden: the page got `CANCELLED`)` for the session table, or nothing. */
function overrideCell(ctx: Context, row: CallRow): string {
  if (!overrideOf(row)) return '';
  const delivered = deliveredOutcome(row);
  return ` (overridden: the page got ${delivered ? val(ctx, delivered, true) : 'nothing'})`;
}

/** `overridden: the page got ERROR:INVALID_CREDENTIALS (synthetic)`, or null for a call nobody overrode. */
function overrideText(ctx: Context, row: CallRow): string | null {
  const mark = overrideOf(row);
  if (!mark) return null;
  const delivered = deliveredOutcome(row);
  const got = delivered ? `the page’s callback got ${val(ctx, delivered)} instead, a synthetic outcome` : 'the page’s callback got nothing';
  return `overridden by a developer (${val(ctx, mark.outcome)}): ${got}; the outcome above is the SDK’s own`;
}

function outcomeText(row: CallRow): string {
  const data = lastCallback(row);
  if (data === undefined) return OUTCOME_WORDS[row.outcome];
  const status = stringField(data, 'status');
  const explanation = explainCallback(data);
  return `${status ? oneLine(status) : 'no status'} (${explanation.title})`;
}

function environmentOf(config: Snapshot): string {
  const value = field(config, 'sandbox');
  if (value === undefined || value === '[undefined]') return 'production (sandbox not set)';
  if (typeof value === 'boolean') return value ? 'sandbox' : 'production';
  if (typeof value === 'string') {
    if (value.startsWith('[')) return 'unknown';
    return `${value === '' ? 'production' : 'sandbox'} (sandbox given as the string "${oneLine(value).slice(0, 20)}")`;
  }
  return value ? 'sandbox' : 'production';
}

/** The loader in force when the event at `index` happened: the latest one since the last navigation. */
function loaderBefore(events: readonly SessionEvent[], index: number): LoaderEvent | null {
  for (let i = Math.min(index, events.length - 1); i >= 0; i--) {
    const event = events[i]!;
    if (event.type === 'navigation' && i < index) return null;
    if (event.type === 'loader') return event;
  }
  return null;
}

function loaderFacts(ctx: Context, w: Writer, loader: LoaderEvent | null): void {
  if (!loader) {
    w.fact('Loader', 'none seen in this document (no Lean loader `<script>` was inserted before the call)');
    return;
  }
  w.fact('Loader URL', val(ctx, loader.src));
  w.fact('Region', loader.region ? `${REGION_NAME[loader.region]} (${loader.region})` : 'not in the loader URL');
  w.fact('Loader inserted', loader.afterInteraction ? 'after a user action (the vendor says: at page load)' : 'at page load, before any user action');
}

function recordedWith(ctx: Context): string {
  const source = ctx.input.source;
  if (source.kind === 'har') return `the browser’s Network panel${source.creator ? ` (${val(ctx, source.creator)})` : ''}, not Lean DevTools`;
  const r = ctx.input.recordedWith;
  const browser = r.browserVersion ? `${r.browser} (${r.browserVersion})` : r.browser;
  return `Lean DevTools ${val(ctx, r.extensionVersion)} on ${val(ctx, browser)}`;
}

function sourceText(ctx: Context): string {
  const source = ctx.input.source;
  switch (source.kind) {
    case 'live':
      return 'the live panel';
    case 'session-file':
      return `session file ${val(ctx, source.fileName)}, exported ${utcFromIso(source.exportedAt)}`;
    case 'har':
      return `HAR file ${val(ctx, source.fileName)}${source.creator ? ` (saved by ${val(ctx, source.creator)})` : ''}: Lean requests only, no SDK calls were recorded`;
  }
}

function preamble(ctx: Context, w: Writer): void {
  w.line(
    `Generated ${utc(ctx.input.now)} by ${text(ctx.input.generator)}. Secrets are redacted. ` +
      (ctx.options.includePersonalData
        ? 'Personal data is INCLUDED (the person who made this report chose to include it).'
        : 'Personal data (customer name, risk_details, end-user fields) is left out.'),
  );
}

function findingLine(ctx: Context, f: Finding): string {
  const where = f.field ? ` (${code(ctx.s.text(f.field))})` : '';
  const fix = f.fix ? ` Fix: ${prose(ctx, f.fix)}` : '';
  const rule = f.source ? ` Rule: ${prose(ctx, citeSource(f.source).text)}.` : '';
  return `- ${SEVERITY_WORD[f.severity] ?? 'Info'} ${code(f.code)}${where}: ${prose(ctx, f.message)}${fix}${rule}`;
}

function cspSection(ctx: Context, w: Writer): void {
  const { csp, events } = ctx.input.session;
  w.line('## CSP blockers').line();
  const violations = events.filter(
    (e): e is Extract<SessionEvent, { type: 'csp-violation' }> =>
      e.type === 'csp-violation' && e.disposition === 'enforce' && isLeanUrl(e.blockedURI),
  );
  if (!csp) {
    w.line('No Content-Security-Policy was collected for this page.');
  } else if (csp.blocked.length === 0) {
    w.line(
      csp.policies.some((p) => p.disposition === 'enforce')
        ? 'None: the page’s enforced policy allows every SDK source it needs.'
        : 'None: the page enforces no policy (report-only policies block nothing).',
    );
  } else {
    for (const b of csp.blocked) {
      w.line(`- ${code(b.directive)} blocks ${val(ctx, b.url)} (${text(blockingPolicyLabel(csp.policies[b.policyIndex], b.policyIndex))})`);
    }
    if (csp.suggestedPolicy) w.line().line('Suggested policy (the page’s policy with the SDK’s sources added):').line().line(fence(ctx.s.text(csp.suggestedPolicy)));
    // suggestedPolicy is the header's when the page has one: a <meta> policy is proposed apart, in its tag.
    const metaProposals = csp.proposals?.some((p) => p.delivery === 'header') ? csp.proposals.filter((p) => p.delivery === 'meta' && p.strict !== p.before) : [];
    for (const p of metaProposals) w.line().line('Suggested <meta> policy (keep it in its own tag, never merged into the header):').line().line(fence(ctx.s.text(p.strict)));
  }
  if (violations.length) {
    w.line().line('Violations the browser reported for Lean hosts:').line();
    for (const v of violations.slice(0, 20)) {
      const source = v.sourceFile ? ` from ${val(ctx, `${fileOf(v.sourceFile)}:${v.lineNumber}`)}` : '';
      w.line(`- ${code(v.effectiveDirective)} blocked ${val(ctx, v.blockedURI)}${source} at ${utc(v.time)}`);
    }
    if (violations.length > 20) w.line(`- … and ${violations.length - 20} more`);
  }
  w.line();
}

function callFacts(ctx: Context, w: Writer, row: CallRow, index: number): void {
  const { call } = row;
  const data = lastCallback(row);
  const bank = field(data, 'bank');
  const bankId = stringField(bank, 'bank_identifier') ?? stringField(call.config, 'bank_identifier');
  const supported = field(bank, 'is_supported');
  w.fact('Method', code(`Lean.${oneLine(call.method)}`));
  w.fact('Time (UTC)', utc(call.time));
  const answer = row.callbacks.find(isSdkCallback);
  const took = answer ? ` after ${Math.round(answer.durationMs)} ms` : '';
  w.fact('Outcome', `${text(outcomeText(row))}${took}`);
  const overridden = overrideText(ctx, row);
  if (overridden) w.fact('Override', overridden);
  if (row.error) w.fact('Thrown', prose(ctx, row.error.message));
  const message = stringField(data, 'message');
  if (message) w.fact('Message', prose(ctx, message));
  w.fact('secondary_status', val(ctx, stringField(data, 'secondary_status')));
  w.fact('exit_point', val(ctx, stringField(data, 'exit_point')));
  w.fact('last_api_response', val(ctx, stringField(data, 'last_api_response')));
  w.fact('Correlation ID', val(ctx, row.correlationId));
  w.fact('Bank', bankId ? `${val(ctx, bankId)}${supported === false ? ' (not supported: “My bank is not listed”)' : supported === true ? ' (supported)' : ''}` : '—');
  w.fact('Environment', text(environmentOf(call.config)));
  loaderFacts(ctx, w, loaderBefore(ctx.input.session.events, index));
  w.fact('Page', val(ctx, call.frameUrl));
  if (call.callsite) w.fact('Call site', val(ctx, call.callsite));
}

/** The call's own findings, then the session's (once). */
function callFindings(ctx: Context, w: Writer, row: CallRow): void {
  const findings = row.call.findings ?? [];
  w.line(`### Findings (${findings.length})`).line();
  if (findings.length === 0) w.line('None: this config matches the SDK reference for this method.');
  for (const f of findings) w.line(findingLine(ctx, f));
  w.line();
}

function sessionFindingLines(ctx: Context, w: Writer): void {
  const session = sessionFindings(ctx.input.session.events, ctx.input.rulesNow ?? ctx.input.now);
  if (!session.length) return;
  w.line('About the whole session:').line();
  for (const f of session) w.line(findingLine(ctx, f));
  w.line();
}

function callData(ctx: Context, w: Writer, row: CallRow, level: string): void {
  w.line(`${level} Config (redacted)`).line().line(json(ctx, row.call.config)).line();
  row.callbacks.forEach((callback, i) => {
    const mark = callback.override;
    const whose = !mark ? '' : mark.fromSdk ? ' from the SDK (overridden: not what the page got)' : ' (override delivery: no SDK data)';
    w.line(`${level} Callback${row.callbacks.length > 1 ? ` ${i + 1}` : ''} data (redacted)${whose}, ${Math.round(callback.durationMs)} ms after the call`);
    w.line().line(json(ctx, callback.data)).line();
    if (mark?.delivered) w.line(`${level} What the page got instead (synthetic)`).line().line(json(ctx, mark.delivered)).line();
  });
}

function setupFacts(ctx: Context, w: Writer): void {
  w.fact('Recorded with', recordedWith(ctx));
  w.fact('Source', sourceText(ctx));
}

function callReport(ctx: Context, w: Writer, row: CallRow): void {
  const { call } = row;
  const events = ctx.input.session.events;
  const index = events.indexOf(call);
  w.line(`# Lean support report: Lean.${text(call.method)}, ${text(OUTCOME_WORDS[row.outcome])}`).line();
  preamble(ctx, w);
  w.line().line('## Call').line();
  callFacts(ctx, w, row, index);
  w.line().line('## Setup').line();
  setupFacts(ctx, w);
  w.line();

  const findings = call.findings ?? [];
  w.line(`## Findings (${findings.length})`).line();
  if (findings.length === 0) w.line('None: this config matches the SDK reference for this method.');
  for (const f of findings) w.line(findingLine(ctx, f));
  w.line();
  sessionFindingLines(ctx, w);
  cspSection(ctx, w);
  callData(ctx, w, row, '##');
}

/** Several calls (the panel's selection): each call's facts and findings, the setup and CSP once. */
function selectionReport(ctx: Context, w: Writer, rows: readonly CallRow[]): void {
  const events = ctx.input.session.events;
  const failed = rows.filter((r) => r.outcome === 'error' || r.outcome === 'threw').length;
  w.line(`# Lean support report: ${rows.length} calls${failed ? `, ${failed} failed` : ''}`).line();
  preamble(ctx, w);
  w.line().line('## Setup').line();
  w.fact('Page', val(ctx, ctx.input.session.url));
  setupFacts(ctx, w);
  w.line();
  const index = new Map<SessionEvent, number>(events.map((e, i) => [e, i]));
  const withData = rows.length <= MAX_JSON_CALLS;
  rows.slice(0, MAX_TABLE_CALLS).forEach((row, i) => {
    w.line(`## Call ${i + 1} of ${rows.length}: Lean.${text(row.call.method)}, ${text(OUTCOME_WORDS[row.outcome])}`).line();
    callFacts(ctx, w, row, index.get(row.call) ?? -1);
    w.line();
    callFindings(ctx, w, row);
    if (withData) callData(ctx, w, row, '###');
  });
  if (rows.length > MAX_TABLE_CALLS) w.line(`… and ${rows.length - MAX_TABLE_CALLS} more calls (see the session file).`).line();
  if (!withData) w.line(`Config and callback data are left out of a report on more than ${MAX_JSON_CALLS} calls: see each call’s own report or the session file.`).line();
  w.line('## About the whole session').line();
  sessionFindingLines(ctx, w);
  cspSection(ctx, w);
}

function sessionReport(ctx: Context, w: Writer): void {
  const { session } = ctx.input;
  const events = session.events;
  const calls = ctx.rows;
  w.line(`# Lean support report: session on ${text(ctx.s.text(hostOf(session.url) || 'an unknown page'))}`).line();
  preamble(ctx, w);
  w.line().line('## Session').line();
  w.fact('Page', val(ctx, session.url));
  w.fact('Title', val(ctx, session.title));
  if (events.length) w.fact('Recorded (UTC)', `${utc(events[0]!.time)} to ${utc(events[events.length - 1]!.time)}`);
  const failed = calls.filter((r) => r.outcome === 'error' || r.outcome === 'threw').length;
  w.fact('Calls', `${calls.length}${failed ? `, ${failed} failed` : ''}`);
  const envs = new Set(calls.map((r) => environmentOf(r.call.config).split(' ')[0]));
  w.fact('Environment', envs.size === 0 ? '—' : envs.size === 1 ? text([...envs][0]!) : `mixed (${text([...envs].sort().join(', '))})`);
  const correlationIds = calls.flatMap((r) => (r.correlationId ? [r.correlationId] : []));
  const shownIds = correlationIds.slice(0, MAX_LISTED_IDS).map((id) => val(ctx, id));
  if (correlationIds.length > MAX_LISTED_IDS) shownIds.push(`… and ${correlationIds.length - MAX_LISTED_IDS} more (see the table)`);
  w.fact('Correlation IDs', shownIds.length ? shownIds.join(', ') : '—');
  if (session.droppedEvents > 0) w.fact('Dropped events', `${session.droppedEvents} (the recorder’s size cap discarded them)`);
  let lastLoader: LoaderEvent | null = null;
  for (const event of events) if (event.type === 'loader') lastLoader = event;
  loaderFacts(ctx, w, lastLoader);
  setupFacts(ctx, w);
  w.line();

  w.line(`## Calls (${calls.length})`).line();
  if (calls.length === 0) w.line('No Lean calls were recorded.');
  else {
    w.line('| # | Time (UTC) | Method | Outcome | secondary_status | exit_point | last_api_response | Correlation ID |');
    w.line('|---|---|---|---|---|---|---|---|');
    calls.slice(0, MAX_TABLE_CALLS).forEach((row, i) => {
      const data = lastCallback(row);
      w.line(
        `| ${i + 1} | ${utc(row.call.time)} | ${code(row.call.method, true)} | ${text(OUTCOME_WORDS[row.outcome])}${overrideCell(ctx, row)} | ` +
          `${val(ctx, stringField(data, 'secondary_status'), true)} | ${val(ctx, stringField(data, 'exit_point'), true)} | ` +
          `${val(ctx, stringField(data, 'last_api_response'), true)} | ${val(ctx, row.correlationId, true)} |`,
      );
    });
    if (calls.length > MAX_TABLE_CALLS) w.line().line(`… and ${calls.length - MAX_TABLE_CALLS} more calls (see the session file).`);
  }
  w.line();

  const withFindings = calls.filter((r) => (r.call.findings ?? []).length > 0);
  const session_ = sessionFindings(events, ctx.input.rulesNow ?? ctx.input.now);
  const total = session_.length + withFindings.reduce((n, r) => n + r.call.findings.length, 0);
  w.line(`## Findings (${total})`).line();
  if (total === 0) w.line('None.');
  if (session_.length) {
    w.line('About the whole session:').line();
    for (const f of session_) w.line(findingLine(ctx, f));
    w.line();
  }
  for (const row of withFindings.slice(0, MAX_TABLE_CALLS)) {
    w.line(`Call ${calls.indexOf(row) + 1}, ${code(`Lean.${oneLine(row.call.method)}`)} at ${utc(row.call.time)}:`).line();
    for (const f of row.call.findings) w.line(findingLine(ctx, f));
    w.line();
  }
  w.line();
  cspSection(ctx, w);
}

/** The report as Markdown (also readable as plain text). Throws when `callId` names no call. */
export function buildSupportReport(input: ReportInput, options: ReportOptions): string {
  const rows = buildRows(input.session.events).filter((r): r is CallRow => r.kind === 'call');
  const ctx: Context = {
    input,
    options,
    s: createSanitizer(sessionSnapshots(input.session.events), options.includePersonalData),
    rows,
  };
  const w = new Writer();
  if (input.callId === null) sessionReport(ctx, w);
  else {
    const row = rows.find((r) => r.call.id === input.callId);
    if (!row) throw new Error(`No call ${input.callId} in this session`);
    callReport(ctx, w, row);
  }
  return w.toString();
}

/**
 * A report on the panel's selected calls, in session order: one call gives that call's own
 * report, several give each call's facts and findings. Throws when an id names no call.
 */
export function buildSelectionReport(input: Omit<ReportInput, 'callId'> & { callIds: readonly string[] }, options: ReportOptions): string {
  if (input.callIds.length === 1) return buildSupportReport({ ...input, callId: input.callIds[0]! }, options);
  const rows = buildRows(input.session.events).filter((r): r is CallRow => r.kind === 'call');
  const byId = new Map(rows.map((r) => [r.call.id, r]));
  const wanted = new Set(input.callIds);
  for (const id of wanted) if (!byId.has(id)) throw new Error(`No call ${id} in this session`);
  const ctx: Context = {
    input: { ...input, callId: null },
    options,
    s: createSanitizer(sessionSnapshots(input.session.events), options.includePersonalData),
    rows,
  };
  const w = new Writer();
  selectionReport(ctx, w, rows.filter((r) => wanted.has(r.call.id)));
  return w.toString();
}

/** `lean-report-<host>-<call or session>-<UTC stamp>.md` */
export function reportFileName(input: Pick<ReportInput, 'session' | 'callId' | 'now'>, method?: string): string {
  const host = hostOf(input.session.url).replace(/[^a-z0-9.-]/gi, '_') || 'page';
  const what = input.callId === null ? 'session' : (method ?? 'call').replace(/[^a-z0-9]/gi, '_');
  const stamp = new Date(Number.isFinite(input.now) ? input.now : 0).toISOString().replace(/[:.]/g, '-');
  return `lean-report-${host}-${what}-${stamp}.md`;
}
