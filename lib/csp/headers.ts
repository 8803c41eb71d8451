/**
 * The CSP policies a document was served with, from its response headers: every
 * `Content-Security-Policy` (enforced) and `…-Report-Only` header, each possibly a
 * comma-joined list (split by the audit's parser).
 */
import type { CspPolicy } from '../model/types';
import { redactUrl } from '../privacy/redact';

export interface ResponseHeader {
  name: string;
  value?: string;
}

export function policiesFromHeaders(headers: readonly ResponseHeader[]): CspPolicy[] {
  const policies: CspPolicy[] = [];
  for (const header of headers) {
    const name = header.name.toLowerCase();
    if (!header.value) continue;
    if (name === 'content-security-policy') policies.push({ source: 'header', disposition: 'enforce', text: header.value });
    else if (name === 'content-security-policy-report-only') {
      policies.push({ source: 'header', disposition: 'report', text: header.value });
    }
  }
  return policies;
}

/**
 * Whether a top-level response becomes the tab's document: redirects, "no content"
 * answers and downloads leave the current document (and its audit) in place.
 */
export function becomesDocument(statusCode: number, headers: readonly ResponseHeader[]): boolean {
  if (statusCode === 204 || statusCode === 205 || (statusCode >= 300 && statusCode < 400)) return false;
  return !headers.some((h) => h.name.toLowerCase() === 'content-disposition' && /^\s*attachment/i.test(h.value ?? ''));
}

/**
 * Header policies of documents fetched ahead by Speculation Rules (prerendered or prefetched).
 * Chrome reports their responses under the tab that may show them, before it does, and perhaps
 * never: they must not replace the audit of the page the tab shows. They are applied when a
 * document of that URL starts in the tab, which its relay announces with `document-start` (a
 * prerendered document's relay holds everything until it is activated).
 * In memory only: a prerender activated after a service-worker restart keeps the previous
 * audit, as a page restored from the back/forward cache does.
 */
export class PrerenderedHeaders {
  private readonly byTab = new Map<number, Array<{ url: string; policies: CspPolicy[] }>>();

  hold(tabId: number, url: string, policies: CspPolicy[]): void {
    const held = (this.byTab.get(tabId) ?? []).filter((entry) => entry.url !== url);
    held.push({ url, policies });
    // A page prerenders a few candidates at most; keep the latest.
    this.byTab.set(tabId, held.slice(-8));
  }

  /** The held headers of the document now starting in the tab (its URL as the relay saw it, redacted). */
  take(tabId: number, documentUrl: string): { url: string; policies: CspPolicy[] } | undefined {
    const held = this.byTab.get(tabId);
    if (!held) return undefined;
    this.byTab.delete(tabId);
    const target = withoutFragment(documentUrl);
    return held.find((entry) => withoutFragment(redactUrl(entry.url)) === target);
  }

  forget(tabId: number): void {
    this.byTab.delete(tabId);
  }
}

function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}
