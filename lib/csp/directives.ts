/**
 * Directive names, shared by the CSP audit and the relay (which records a violation only
 * when it names a directive a browser's CSP has).
 */

/** Directives whose value is a source list (CSP3 §6.1–6.3, plus frame-ancestors' ancestor list). */
export const SOURCE_LIST_DIRECTIVES: ReadonlySet<string> = new Set([
  'default-src',
  'script-src',
  'script-src-elem',
  'script-src-attr',
  'style-src',
  'style-src-elem',
  'style-src-attr',
  'connect-src',
  'img-src',
  'font-src',
  'frame-src',
  'child-src',
  'worker-src',
  'media-src',
  'object-src',
  'manifest-src',
  'base-uri',
  'form-action',
  'frame-ancestors',
]);

/** Every directive CSP3 and its companion specs define (others are ignored by browsers). */
export const KNOWN_DIRECTIVES: ReadonlySet<string> = new Set([
  ...SOURCE_LIST_DIRECTIVES,
  'sandbox',
  'report-uri',
  'report-to',
  'webrtc',
  'upgrade-insecure-requests',
  'block-all-mixed-content',
  'require-trusted-types-for',
  'trusted-types',
  'fenced-frame-src',
  'prefetch-src',
  'navigate-to',
  'plugin-types',
  'require-sri-for',
]);
