/**
 * The session model. It *is* the export format (`docs/session-format.md`, version 1):
 * the background stores these objects, the panel renders them and Export serialises them.
 */

/**
 * A bounded, JSON-safe copy of a page value made by `lib/hook/snapshot.ts`.
 * Secrets are replaced by strings starting with `[redacted`; non-JSON values
 * (functions, cycles, symbols, truncations…) by strings starting with `[`.
 */
export type Snapshot = null | boolean | number | string | Snapshot[] | { [key: string]: Snapshot };

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Names the rule, e.g. `missing-required`. */
  code: string;
  severity: Severity;
  /** Config path the finding concerns (`customization.theme_color`), or null. */
  field: string | null;
  message: string;
  /** Where the rule comes from (a section of the SDK reference). Optional in the file format. */
  source?: string;
  /** What to do about it. Optional in the file format. */
  fix?: string;
}

interface EventBase {
  /** Unique in the session. */
  id: string;
  /** Epoch milliseconds. */
  time: number;
  /** URL of the frame the event happened in (token-like parameters redacted). */
  frameUrl: string;
}

export interface CallEvent extends EventBase {
  type: 'call';
  method: string;
  config: Snapshot;
  findings: Finding[];
  /** The page's own `file:line:column` that made the call, or null (always null beyond the first 10 calls of a method in one flush of the hook). */
  callsite: string | null;
}

export interface CallbackEvent extends EventBase {
  type: 'callback';
  callId: string;
  /** What the SDK sent (null on an override's own delivery: `override.fromSdk` false). */
  data: Snapshot;
  durationMs: number;
  /** Added by this project: the call's outcome was overridden (docs/overrides.md). */
  override?: OverrideMark;
}

/** What the page's callback got instead of the SDK's answer, on an overridden call. */
export interface OverrideMark {
  /** The outcome chosen: `ERROR:INVALID_CREDENTIALS`, `CANCELLED@5s`, `none`. */
  outcome: string;
  /** The synthetic payload the page's callback received with this event; null: nothing. */
  delivered: Snapshot | null;
  /** true: `data` is the SDK's callback; false: the override delivered at its chosen time, before or without the SDK. */
  fromSdk: boolean;
}

export interface CallErrorEvent extends EventBase {
  type: 'call-error';
  callId: string;
  message: string;
}

export interface NavigationEvent extends EventBase {
  type: 'navigation';
  url: string;
}

export type LoaderRegion = 'ae' | 'sa';

export interface LoaderEvent extends EventBase {
  type: 'loader';
  src: string;
  region: LoaderRegion | null;
  insertedAt: number;
  afterInteraction: boolean;
}

export type Disposition = 'enforce' | 'report';

export interface CspViolationEvent extends EventBase {
  type: 'csp-violation';
  blockedURI: string;
  effectiveDirective: string;
  disposition: Disposition;
  sourceFile: string;
  lineNumber: number;
}

/**
 * Added by this project (the format allows more): what the hook could do with a `Lean`
 * it saw. `hooked` once per object, `not-hookable` with the reason when it could not wrap.
 */
export interface SdkEvent extends EventBase {
  type: 'sdk';
  state: 'hooked' | 'not-hookable';
  detail: string;
}

export type SessionEvent =
  | CallEvent
  | CallbackEvent
  | CallErrorEvent
  | NavigationEvent
  | LoaderEvent
  | CspViolationEvent
  | SdkEvent;

/** `Omit` applied to each member of a union, keeping it a union. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface CspPolicy {
  source: 'header' | 'meta';
  disposition: Disposition;
  text: string;
}

export interface CspBlocked {
  directive: string;
  url: string;
  policyIndex: number;
}

/** The suggestion for one collected policy, deployed where the page delivers it (docs/session-format.md). */
export interface CspProposal {
  delivery: 'header' | 'report-only-header' | 'meta';
  /** The collected policy as the page has it. */
  before: string;
  /** Its suggestion, strict and relaxed; a `<meta>` one has no directive a meta policy ignores. */
  strict: string;
  relaxed: string;
}

export interface CspAudit {
  policies: CspPolicy[];
  blocked: CspBlocked[];
  suggestedPolicy: string;
  /** Added by this project (optional for older files): one proposal per collected policy. */
  proposals?: CspProposal[];
}

export const SESSION_FORMAT = 'lean-devtools-session';
export const SESSION_VERSION = 1;

export interface SessionFile {
  format: typeof SESSION_FORMAT;
  version: typeof SESSION_VERSION;
  exportedAt: string;
  extension: { version: string; browser: string };
  tab: { url: string; title: string };
  events: SessionEvent[];
  droppedEvents: number;
  csp: CspAudit | null;
}
