/**
 * Every directive name CSP defines (CSP Level 3 §6, with the fetch directives of §6.1 and
 * the Trusted Types and WebRTC ones) and the obsolete ones browsers still report. A
 * violation naming anything else did not come from a browser's CSP.
 */
export const KNOWN_DIRECTIVES: ReadonlySet<string> = new Set([
  'default-src',
  'child-src',
  'connect-src',
  'fenced-frame-src',
  'font-src',
  'frame-src',
  'img-src',
  'manifest-src',
  'media-src',
  'object-src',
  'prefetch-src',
  'script-src',
  'script-src-elem',
  'script-src-attr',
  'style-src',
  'style-src-elem',
  'style-src-attr',
  'worker-src',
  'base-uri',
  'sandbox',
  'form-action',
  'frame-ancestors',
  'navigate-to',
  'report-uri',
  'report-to',
  'require-trusted-types-for',
  'trusted-types',
  'upgrade-insecure-requests',
  'block-all-mixed-content',
  'plugin-types',
  'webrtc',
]);
