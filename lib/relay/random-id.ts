/**
 * 8 hex characters. Not `crypto.randomUUID()`: it exists only in secure contexts, and a
 * content script shares its page's, so on a plain-http page (a merchant's dev server on a LAN
 * address) it is missing and the relay would not start.
 */
export function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => b.toString(16).padStart(2, '0')).join('');
}
