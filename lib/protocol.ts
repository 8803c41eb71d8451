/**
 * Every message between the four contexts, in one place:
 *
 *   page (MAIN-world hook) --DOM CustomEvent--> sentinel, then relay (isolated world)
 *   sentinel --runtime.sendMessage `wake`--> background --scripting.executeScript--> relay
 *   relay --runtime.sendMessage--> background
 *   panel / popup <--runtime Port / sendMessage--> background
 *
 * This module is imported by the MAIN-world hook, so it holds types, constants and the
 * parsers each receiving side uses: no extension APIs, no runtime dependencies.
 */
import type { CspAudit, CspPolicy, DistributiveOmit, SessionEvent } from './model/types';

/** CustomEvent type the hook dispatches on `document`; `detail` is a JSON string. */
export const PAGE_CHANNEL = 'lean-devtools:hook';
export const PAGE_PROTOCOL_VERSION = 1;

/**
 * The private relay → hook channel (docs/overrides.md, "In the extension"). At document_start,
 * before any page script, the hook dispatches `HOOK_HELLO` on `document`, a MouseEvent whose
 * `relatedTarget` is a detached node only the hook holds; a sentinel that ran first has
 * already asked with `HOOK_ASK`, one that runs second asks and the hook says hello again. The
 * relay then dispatches `HOOK_OVERRIDES` on that node (detail: `encodeOverrides`), which no
 * page script can reach.
 */
export const HOOK_HELLO = 'lean-devtools:hello';
export const HOOK_ASK = 'lean-devtools:ask';
export const HOOK_OVERRIDES = 'lean-devtools:overrides';

/** One override a panel set for its tab: `spec` as `parseOverride` reads it. */
export interface ActiveOverride {
  spec: string;
  /** The next call of the method only; otherwise every call until cleared. */
  once: boolean;
}

/** The tab's whole set of overrides, one a line: `once pay=CANCELLED`, `until pay=none`. */
export function encodeOverrides(active: readonly ActiveOverride[]): string {
  return active.map((o) => (o.once ? 'once ' : 'until ') + o.spec).join('\n');
}

/** Background → relay (tabs.sendMessage): the tab's overrides now, replacing the previous set. */
export interface RelayCommand {
  kind: 'overrides';
  active: ActiveOverride[];
}

export function asRelayCommand(message: unknown): RelayCommand | null {
  if (kindOf(message) !== 'overrides') return null;
  const active = (message as { active?: unknown }).active;
  return Array.isArray(active) && active.every(isActiveOverride) ? { kind: 'overrides', active } : null;
}

function isActiveOverride(value: unknown): value is ActiveOverride {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ActiveOverride).spec === 'string' &&
    typeof (value as ActiveOverride).once === 'boolean'
  );
}

/** Events as the hook reports them; the relay adds `frameUrl` (the page cannot choose it). */
export type HookEvent = DistributiveOmit<
  Extract<SessionEvent, { type: 'call' | 'callback' | 'call-error' | 'sdk' }>,
  'frameUrl'
>;

/** What one hook flush posts: a batch, and how many events the hook itself dropped. */
export interface PageBatch {
  v: typeof PAGE_PROTOCOL_VERSION;
  events: HookEvent[];
  dropped: number;
}

/**
 * Stamped by the relay on each message it sends: the sending document (its id prefix) and
 * the message's number there. The relay sends again what a stopped service worker never
 * answered; the background applies each (from, seq) once.
 */
export interface RelayDelivery {
  from: string;
  seq: number;
}

/** Relay → background. */
export type RelayMessage = (
  /** A top-level document started (or came back from the back/forward cache): the tab navigated. */
  | { kind: 'document-start'; url: string; time: number }
  | { kind: 'document-title'; title: string }
  /** `dropped`: events lost to caps and rate limits; `refused`: malformed page messages. */
  | { kind: 'events'; events: SessionEvent[]; dropped: number; refused: number }
  | { kind: 'meta-csp'; policies: CspPolicy[] }
) & { delivery?: RelayDelivery };

/**
 * A tab's top frame, asked to record (a panel was attached to the tab, or the tab records since
 * Lean appeared in it: lib/background/inject.ts): when its document started, so the background
 * can tell a new document from the one it replaces.
 */
export interface RecordAnswer {
  startedAt: number;
  /** Whether the frame's relay runs already (its sentinel handed over): nothing is injected then. */
  relayed: boolean;
}

/**
 * Sentinel → background: this frame has to do with Lean (its hook spoke, a loader `<script>`
 * appeared, or the background asked it to record): inject the relay into it. Answered `true`
 * once injected, `false` where the extension does not run (per-site mode).
 */
export type SentinelWake = { kind: 'wake' };
/** Where a frame's sentinel leaves itself for the relay, in the extension's isolated world. */
export const SENTINEL_GLOBAL = '__leanDevtoolsSentinel';

/** Port name a panel opens to the background. */
export const PANEL_PORT = 'lean-panel';

/** Panel → background, over the port. */
export type PanelRequest =
  | { kind: 'subscribe'; tabId: number }
  | { kind: 'clear' }
  /** Sets (`spec`) or clears (null) the override of `method` for the tab the panel shows. */
  | { kind: 'override'; method: string; spec: string | null; once: boolean }
  /** After a partial snapshot is painted: now the whole session (parsing it would have delayed that frame). */
  | { kind: 'rest' };

/** The live session of one tab as the background holds it. */
export interface TabSession {
  tabId: number;
  url: string;
  title: string;
  events: SessionEvent[];
  droppedEvents: number;
  /** Page messages the relay refused as malformed, and page events whose id the session already held. */
  refusedMessages: number;
  csp: CspAudit | null;
  /**
   * Set on a panel's first, partial copy of a long session: how many earlier events the
   * background holds that this copy leaves out (the whole session follows).
   */
  earlierEvents?: number;
}

/** Background → panel, over the port. */
export type PanelUpdate =
  /**
   * The session, replacing what the panel holds. `whole: false`: only its newest events,
   * sent first so the panel paints at once; the whole session follows, in parts, when the
   * panel asks for it (`rest`).
   */
  | { kind: 'snapshot'; session: TabSession; whole: boolean }
  /**
   * One part of a whole session, oldest events first; the last part (`session` set) carries
   * the rest of the session and stands for a whole snapshot. Each message is parsed on the
   * panel's main thread as it arrives: parts keep that from holding up a frame.
   */
  | { kind: 'snapshot-part'; events: SessionEvent[]; session: Omit<TabSession, 'events'> | null }
  /** New events (possibly none) and the counters and CSP audit as they now stand. */
  | { kind: 'append'; events: SessionEvent[]; droppedEvents: number; refusedMessages: number; csp: CspAudit | null }
  /** The tab's overrides as they now stand (on subscribing, and after each change). */
  | { kind: 'overrides'; active: ActiveOverride[] };

/**
 * Test builds only (`--mode e2e`, compiled out of the store build): the relay asks for its
 * tab's session so a browser test can read it where extension pages cannot be opened
 * (Firefox over WebDriver BiDi). The page side uses the two DOM events below.
 */
export type E2eRequest = { kind: 'e2e-session' } | { kind: 'e2e-open-options' } | { kind: 'e2e-open-panel' } | { kind: 'e2e-stored-urls' };
/**
 * The page side's request event may carry one of these as `detail` (none: the session):
 * open the options page or the panel of the asking tab (panel.html?tabId=N in a new tab; a
 * BiDi test can drive either once open), or list the URL of every tab's stored session
 * (what a site the extension must not run on left behind: nothing).
 */
export type E2eProbeCommand = 'open-options' | 'open-panel' | 'stored-urls';
/** The answer: the session, and a token new at each start of the background. */
export type E2eSessionAnswer = TabSession & { backgroundInstance: string };
export const E2E_REQUEST_EVENT = 'lean-devtools-e2e:request';
export const E2E_RESPONSE_EVENT = 'lean-devtools-e2e:response';

/** Popup → background (runtime.sendMessage); answered with a TabSummary. */
export type PopupRequest = { kind: 'tab-summary'; tabId: number };

export interface TabSummary {
  calls: number;
  failedCallbacks: number;
  errorFindings: number;
  loaderSeen: boolean;
}

export type BackgroundRequest = RelayMessage | PopupRequest | E2eRequest | SentinelWake;

/**
 * The answer to each runtime.sendMessage request: a tab summary (undefined when the sender is
 * refused), the e2e session or stored URLs, whether a woken frame got its relay, or `true` once the background stored a relay message
 * (or opened the options page for a test).
 */
export type BackgroundResponse<R extends BackgroundRequest> = R extends PopupRequest
  ? TabSummary | undefined
  : R extends { kind: 'e2e-session' }
    ? E2eSessionAnswer
    : R extends { kind: 'e2e-stored-urls' }
      ? string[]
      : R extends SentinelWake
        ? boolean
        : true;

/** runtime.sendMessage as each context uses it: the answer's type follows from the request's. */
export type SendToBackground = <R extends BackgroundRequest>(request: R) => Promise<BackgroundResponse<R>>;

function kindOf(message: unknown): unknown {
  return typeof message === 'object' && message !== null ? (message as { kind?: unknown }).kind : undefined;
}

function hasTabId(message: unknown): boolean {
  return Number.isInteger((message as { tabId?: unknown }).tabId);
}

/**
 * A runtime message as a request, or null. Only the kind (and a tab id where one is needed)
 * is checked: the senders are our own scripts, and `acceptPageMessage` already validated
 * the page's data inside a relay message.
 */
export function asBackgroundRequest(message: unknown): BackgroundRequest | null {
  switch (kindOf(message)) {
    case 'tab-summary':
      return hasTabId(message) ? (message as PopupRequest) : null;
    case 'e2e-session':
    case 'e2e-open-options':
    case 'e2e-open-panel':
    case 'e2e-stored-urls':
      return message as E2eRequest;
    case 'wake':
      return { kind: 'wake' };
    case 'document-start':
    case 'document-title':
    case 'events':
    case 'meta-csp':
      return message as RelayMessage;
    default:
      return null;
  }
}

/** A port message from a panel as a request, or null. */
export function asPanelRequest(message: unknown): PanelRequest | null {
  const kind = kindOf(message);
  if (kind === 'subscribe') return hasTabId(message) ? (message as PanelRequest) : null;
  if (kind === 'clear' || kind === 'rest') return { kind };
  if (kind === 'override') {
    const { method, spec, once } = message as { method?: unknown; spec?: unknown; once?: unknown };
    if (typeof method === 'string' && (spec === null || typeof spec === 'string') && typeof once === 'boolean') {
      return { kind, method, spec, once };
    }
  }
  return null;
}

/** A port message from the background as an update, or null. */
export function asPanelUpdate(message: unknown): PanelUpdate | null {
  const kind = kindOf(message);
  return kind === 'snapshot' || kind === 'snapshot-part' || kind === 'append' || kind === 'overrides' ? (message as PanelUpdate) : null;
}
