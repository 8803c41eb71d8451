/**
 * What the relay learns from the DOM without touching the page's JavaScript (it runs in
 * the isolated world): Lean loader `<script>`s as they are inserted, whether the user had
 * interacted with the page by then, `<meta>` CSP policies, and CSP violations.
 *
 * The page can dispatch a `securitypolicyviolation` event of its own: only the browser's
 * (`isTrusted`) are read, and each field is checked, capped and redacted all the same.
 */
import type { CspPolicy, CspViolationEvent, DistributiveOmit, SessionEvent } from '../model/types';
import { parseLoaderUrl } from '../model/loader-url';
import { redactUrl } from '../privacy/redact';
import { KNOWN_DIRECTIVES } from '../csp/directives';

export interface DomWatchSink {
  event(event: DistributiveOmit<SessionEvent, 'id' | 'frameUrl'>): void;
  metaPolicies(policies: CspPolicy[]): void;
  /** Something the page made up was left out (counted in the session's refused messages). */
  refused(): void;
}

/** Most `<meta>` policies a document may add, and the longest kept; others are counted as refused. */
export const MAX_META_POLICIES = 32;
export const MAX_META_POLICY_CHARS = 16_384;

/** Largest line number kept; a larger (or negative, or fractional) one becomes 0, "unknown". */
const MAX_LINE_NUMBER = 10_000_000;

type ViolationFields = Pick<SecurityPolicyViolationEvent, 'isTrusted' | 'blockedURI' | 'effectiveDirective' | 'disposition' | 'sourceFile' | 'lineNumber'>;

/** The session event for a violation the browser reported, or null for one the page made up. */
export function violationEvent(event: ViolationFields, time: number): DistributiveOmit<CspViolationEvent, 'id' | 'frameUrl'> | null {
  if (event.isTrusted !== true) return null;
  const directive = event.effectiveDirective;
  if (typeof directive !== 'string' || !KNOWN_DIRECTIVES.has(directive)) return null;
  const line = event.lineNumber;
  return {
    type: 'csp-violation',
    time,
    blockedURI: redactUrl(String(event.blockedURI)),
    effectiveDirective: directive,
    disposition: event.disposition === 'report' ? 'report' : 'enforce',
    sourceFile: redactUrl(String(event.sourceFile)),
    lineNumber: Number.isInteger(line) && line >= 0 && line <= MAX_LINE_NUMBER ? line : 0,
  };
}

const INTERACTIONS = ['pointerdown', 'keydown', 'touchstart'] as const;

/** Where the watch starts from: what the frame's sentinel saw before the relay came. */
export interface WatchStart {
  /** When the user first interacted with the frame (null: not yet). */
  firstInteractionAt: number | null;
}

/**
 * When a script already in the document when the watch starts was inserted: its request's
 * start in the page's resource timing (epoch ms), or null where the timeline has none.
 */
function requestedAt(win: Window, src: string): number | null {
  try {
    const entry = win.performance.getEntriesByName(src, 'resource')[0];
    return entry ? Math.round(win.performance.timeOrigin + entry.startTime) : null;
  } catch {
    return null;
  }
}

export function watchDom(
  win: Window,
  doc: Document,
  sink: DomWatchSink,
  clock: () => number,
  start: WatchStart = { firstInteractionAt: null },
): () => void {
  let interacted = start.firstInteractionAt !== null;
  const seenScripts = new WeakSet<Element>();
  /** The first scan: scripts inserted before the relay came (the sentinel watched no insertion). */
  let first = true;
  const metaTexts: string[] = [];

  const onInteraction = (event: Event) => {
    if (event.isTrusted) interacted = true;
  };
  for (const type of INTERACTIONS) win.addEventListener(type, onInteraction, { capture: true, passive: true });

  // Live collections, scanned when the DOM changes: the cost follows the page's few scripts
  // and metas, not every node the parser inserts (what walking `addedNodes` cost).
  const scripts = doc.getElementsByTagName('script');
  const metas = doc.getElementsByTagName('meta');
  const seenMetas = new WeakSet<Element>();
  const scan = () => {
    for (const script of scripts) inspectScript(script);
    for (const meta of metas) {
      if (seenMetas.has(meta)) continue;
      seenMetas.add(meta);
      inspectMeta(meta);
    }
  };

  const inspectScript = (script: HTMLScriptElement) => {
    if (seenScripts.has(script) || !script.src) return;
    seenScripts.add(script);
    const loader = parseLoaderUrl(script.src);
    if (!loader) return;
    const now = clock();
    const insertedAt = (first && requestedAt(win, script.src)) || now;
    const afterInteraction = first ? start.firstInteractionAt !== null && start.firstInteractionAt <= insertedAt : interacted;
    sink.event({ type: 'loader', time: insertedAt, src: redactUrl(script.src), region: loader.region, insertedAt, afterInteraction });
  };

  const inspectMeta = (meta: HTMLMetaElement) => {
    if (meta.httpEquiv.toLowerCase() !== 'content-security-policy' || !meta.content) return;
    // Browsers ignore a CSP <meta> outside the document's <head> (Chromium: "delivered via a
    // <meta> element outside the document's <head>, which is disallowed"), so the audit must too.
    if (!meta.closest('head')) return;
    // Only the first appearance of each policy counts; a <meta> policy cannot be removed.
    if (metaTexts.includes(meta.content)) return;
    if (metaTexts.length >= MAX_META_POLICIES || meta.content.length > MAX_META_POLICY_CHARS) {
      sink.refused();
      return;
    }
    metaTexts.push(meta.content);
    sink.metaPolicies(metaTexts.map((text) => ({ source: 'meta', disposition: 'enforce', text })));
  };

  const observer = new MutationObserver(scan);
  observer.observe(doc, { childList: true, subtree: true });
  scan();
  first = false;

  const onViolation = (event: SecurityPolicyViolationEvent) => {
    const violation = violationEvent(event, clock());
    if (violation) sink.event(violation);
    else sink.refused();
  };
  doc.addEventListener('securitypolicyviolation', onViolation, true);

  return () => {
    observer.disconnect();
    doc.removeEventListener('securitypolicyviolation', onViolation, true);
    for (const type of INTERACTIONS) win.removeEventListener(type, onInteraction, { capture: true });
  };
}
