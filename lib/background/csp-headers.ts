/**
 * The CSP policies a document was served with, from its response headers: every
 * `Content-Security-Policy` (enforced) and `…-Report-Only` header, each possibly a
 * comma-joined list (split by the audit's parser).
 */
import type { CspPolicy } from '../session/types';

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
