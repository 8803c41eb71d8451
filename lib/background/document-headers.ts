/**
 * The CSP response headers of each top-level document (webRequest `onHeadersReceived`): they
 * replace the tab's audit, unless the response was fetched ahead by Speculation Rules.
 */
import type { ResponseHeader } from '../csp/headers';
import { becomesDocument, policiesFromHeaders, type PrerenderedHeaders } from '../csp/headers';
import type { CspPolicy } from '../model/types';

/** The fields of a `main_frame` `onHeadersReceived` event the background reads. */
export interface DocumentResponse {
  tabId: number;
  url: string;
  statusCode: number;
  responseHeaders?: ResponseHeader[];
  /** Chrome only. */
  documentLifecycle?: string;
  /** Chrome only: set when the shown document made the request (a prefetch). */
  documentId?: string;
  /** When the response arrived (epoch ms). */
  timeStamp: number;
}

export interface DocumentHeadersDeps {
  prerendered: PrerenderedHeaders;
  /** The tab's document has these header policies (`RecordingTabs.documentHeaders`). */
  apply(tabId: number, url: string, policies: CspPolicy[], at: number): Promise<void>;
}

/**
 * Chrome: a response fetched ahead by Speculation Rules (a prerender, or a prefetch made by the
 * shown document, which carries its documentId) is not the tab's page yet.
 */
export function isSpeculative(response: DocumentResponse): boolean {
  return response.documentLifecycle === 'prerender' || response.documentId !== undefined;
}

export function receiveDocumentHeaders(response: DocumentResponse, deps: DocumentHeadersDeps): Promise<void> {
  const headers = response.responseHeaders ?? [];
  if (response.tabId < 0 || !becomesDocument(response.statusCode, headers)) return Promise.resolve();
  if (isSpeculative(response)) {
    deps.prerendered.hold(response.tabId, response.url, policiesFromHeaders(headers));
    return Promise.resolve();
  }
  deps.prerendered.forget(response.tabId);
  return deps.apply(response.tabId, response.url, policiesFromHeaders(headers), response.timeStamp);
}
