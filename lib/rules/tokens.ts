/**
 * Token rules that never reveal a token: they read only what the redaction marker keeps
 * (is it a JWT, its `exp` and `sub` claims, its last 4 characters).
 */
import type { Snapshot } from '../model/types';
import { parseRedaction } from '../model/markers';
import { kindOf } from './values';

export interface TokenFacts {
  jwt: boolean;
  exp?: string;
  sub?: string;
  last4?: string;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function decodeJwtPayload(token: string): { exp?: unknown; sub?: unknown } | null {
  const part = token.split('.')[1];
  if (part === undefined) return null;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const payload: unknown = JSON.parse(globalThis.atob(padded));
    return typeof payload === 'object' && payload !== null ? (payload as { exp?: unknown; sub?: unknown }) : null;
  } catch {
    return null;
  }
}

/**
 * What a captured token tells us, or null when nothing can be read (not a string, or an
 * unparseable marker). A raw (unredacted) string is read the same way the hook would.
 */
export function tokenFacts(value: Snapshot | undefined): TokenFacts | null {
  const kind = kindOf(value);
  if (kind === 'redacted') {
    const info = parseRedaction(value);
    if (!info) return null;
    const facts: TokenFacts = { jwt: info.jwt };
    if (info.exp !== undefined) facts.exp = info.exp;
    if (info.sub !== undefined) facts.sub = info.sub;
    if (info.last4 !== undefined) facts.last4 = info.last4;
    return facts;
  }
  if (kind !== 'string') return null;
  const text = (value as string).trim();
  const facts: TokenFacts = { jwt: JWT_SHAPE.test(text) };
  if (text.length >= 16) facts.last4 = text.slice(-4);
  if (facts.jwt) {
    const payload = decodeJwtPayload(text);
    if (payload && typeof payload.exp === 'number' && Number.isFinite(payload.exp)) {
      facts.exp = new Date(payload.exp * 1000).toISOString();
    }
    if (payload && typeof payload.sub === 'string') facts.sub = payload.sub;
  }
  return facts;
}

/** Does a token's subject claim name this customer? Lenient: `customer.<id>` also matches. */
export function subjectMatches(sub: string, customerId: string): boolean {
  const a = sub.toLowerCase();
  const b = customerId.toLowerCase();
  return a === b || a.includes(b) || b.includes(a);
}

