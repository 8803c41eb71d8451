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
