import { describe, expect, it } from 'vitest';
import { callsiteFromStack } from '../../../lib/hook/callsite';

describe('call site from a stack trace', () => {
  it('skips the extension’s own frames in a V8 stack', () => {
    const stack = [
      'Error',
      '    at Object.connect (chrome-extension://abcdef/content-scripts/hook.js:1:2345)',
      '    at HTMLButtonElement.<anonymous> (https://shop.example/js/checkout.js:42:17)',
      '    at https://shop.example/js/vendor.js:1:1',
    ].join('\n');
    expect(callsiteFromStack(stack)).toBe('https://shop.example/js/checkout.js:42:17');
  });

  it('reads a V8 frame without a function name', () => {
    expect(callsiteFromStack('Error\n    at https://shop.example/inline.html:12:3')).toBe('https://shop.example/inline.html:12:3');
  });

  it('reads the innermost location of an eval frame', () => {
    const stack = 'Error\n    at eval (eval at run (https://shop.example/app.js:5:9), <anonymous>:1:1)';
    expect(callsiteFromStack(stack)).toBe('https://shop.example/app.js:5:9');
  });

  it('skips moz-extension frames in a SpiderMonkey stack', () => {
    const stack = 'connect@moz-extension://uuid/content-scripts/hook.js:1:200\nonclick@https://shop.example/app.js:7:11\n';
    expect(callsiteFromStack(stack)).toBe('https://shop.example/app.js:7:11');
  });

  it('skips frames without a URL, as Firefox shows MAIN-world extension code', () => {
    const stack = 'connect@<anonymous code>:2:474\n@https://shop.example/app.js:3:1\n';
    expect(callsiteFromStack(stack)).toBe('https://shop.example/app.js:3:1');
  });

  it('redacts token-like parameters in the script URL', () => {
    const site = callsiteFromStack('Error\n    at https://shop.example/app.js?token=abcdefghijklmnopqrstuvwxyz123456:1:2');
    expect(site).not.toContain('abcdefghijklmnop');
  });

  it('returns null when no page frame is left', () => {
    expect(callsiteFromStack('Error\n    at chrome-extension://abc/hook.js:1:1')).toBeNull();
  });
});
