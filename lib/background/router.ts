/**
 * The background's runtime messages: who may ask what, and who answers. Kept apart from the
 * browser so the sender checks run in unit tests.
 */
import type { BackgroundRequest, BackgroundResponse, E2eSessionAnswer, RelayMessage, TabSummary } from '../protocol';
import { asBackgroundRequest } from '../protocol';

/** The fields of `runtime.MessageSender` the checks read. */
export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
  /** 0 for a tab's top frame. */
  frameId?: number;
  /** Chrome: the sending document. */
  documentId?: string;
}

export interface RouterDeps {
  /** `runtime.id`. */
  extensionId: string;
  /** `runtime.getURL('/')`: where our own pages live. */
  extensionRoot: string;
  summary(tabId: number): Promise<TabSummary>;
  relay(tabId: number, message: RelayMessage, frameId: number): Promise<void>;
  /** A frame's sentinel woke: inject the relay into it where the extension runs (see `SentinelWake`). */
  wake(tabId: number, frameId: number, sender: Sender): Promise<boolean>;
  /** Test builds only: the tab's session for a browser test. */
  e2eSession?(tabId: number): Promise<E2eSessionAnswer>;
  /** Test builds only: open the options page, for a test that cannot open extension pages. */
  e2eOpenOptions?(): Promise<void>;
  /** Test builds only: open the panel of the tab, for a test that cannot open extension pages. */
  e2eOpenPanel?(tabId: number): Promise<void>;
  /** Test builds only: the URL of every stored session. */
  e2eStoredUrls?(): Promise<string[]>;
}

/** One of our extension pages (the popup), never a content script. */
export function isOwnPage(sender: Sender, deps: Pick<RouterDeps, 'extensionId' | 'extensionRoot'>): boolean {
  return sender.id === deps.extensionId && !!sender.url?.startsWith(deps.extensionRoot);
}

/** The tab our own content script sent from, or null for any other sender. */
export function contentScriptTab(sender: Sender, deps: Pick<RouterDeps, 'extensionId'>): number | null {
  const tabId = sender.tab?.id;
  return tabId !== undefined && sender.id === deps.extensionId ? tabId : null;
}

type Answer = Promise<BackgroundResponse<BackgroundRequest>> | undefined;

/** The answer to a runtime message, or undefined to leave it unanswered (refused or not ours). */
export function routeMessage(message: unknown, sender: Sender, deps: RouterDeps): Answer {
  const request = asBackgroundRequest(message);
  if (request === null) return undefined;
  if (request.kind === 'tab-summary') return isOwnPage(sender, deps) ? deps.summary(request.tabId) : undefined;
  // Only our own content scripts send from a tab; extension pages use ports.
  const tabId = contentScriptTab(sender, deps);
  if (tabId === null) return undefined;
  if (request.kind === 'e2e-session') return deps.e2eSession?.(tabId);
  if (request.kind === 'e2e-open-options') return deps.e2eOpenOptions?.().then(() => true as const);
  if (request.kind === 'e2e-open-panel') return deps.e2eOpenPanel?.(tabId).then(() => true as const);
  if (request.kind === 'e2e-stored-urls') return deps.e2eStoredUrls?.();
  if (request.kind === 'wake') return deps.wake(tabId, sender.frameId ?? 0, sender);
  return deps.relay(tabId, request, sender.frameId ?? 0).then(() => true as const);
}
