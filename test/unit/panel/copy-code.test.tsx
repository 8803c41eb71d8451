import { describe, expect, it } from 'vitest';
import { callAsCode, configAsJson, withPlaceholders } from '../../../lib/panel/copy-code';
import { ACCESS_TOKEN, APP_TOKEN } from '../support/panel-helpers';

describe('copy as code', () => {
  it('writes a Lean.method({...}) snippet with placeholders where secrets were', () => {
    const code = callAsCode('connect', {
      app_token: APP_TOKEN,
      access_token: ACCESS_TOKEN,
      customer_id: 'cust-1',
      permissions: ['identity', 'accounts'],
      sandbox: true,
      customization: { theme_color: '#0080ff' },
      callback: '[function onResult]',
    });
    expect(code).toBe(
      [
        'Lean.connect({',
        '  app_token: "<app_token>",',
        '  access_token: "<access_token>",',
        '  customer_id: "cust-1",',
        '  permissions: ["identity", "accounts"],',
        '  sandbox: true,',
        '  customization: {',
        '    theme_color: "#0080ff",',
        '  },',
        '  callback: (result) => {',
        '    // result.status, result.lean_correlation_id…',
        '  },',
        '});',
        '',
      ].join('\n'),
    );
    expect(code).not.toContain('redacted');
    // It is valid JavaScript.
    expect(() => new Function('Lean', code)).not.toThrow();
  });

  it('keeps hostile page data inside string literals', () => {
    const code = callAsCode(
      'pay"); alert(1); ("',
      JSON.parse('{"weird key\\"": "\\"); alert(2); //", "__proto__": "x", "nested": [{ "a": "*/ alert(3) /*" }], "undef": "[undefined]"}'),
    );
    expect(code.startsWith('Lean["pay\\"); alert(1); (\\""]({')).toBe(true);
    expect(code).toContain('"weird key\\"": "\\"); alert(2); //"');
    expect(code).toContain('["__proto__"]: "x"');
    expect(code).toContain('undef: undefined');
    let called = false;
    const lean = new Proxy({}, { get: () => () => (called = true) });
    const alert = () => {
      throw new Error('page data ran as code');
    };
    new Function('Lean', 'alert', code)(lean, alert);
    expect(called).toBe(true);
  });

  it('replaces redaction markers inside strings (redacted URL parameters)', () => {
    expect(withPlaceholders('https://shop.example/back?token=[redacted token …abcd]&x=1')).toBe('https://shop.example/back?token=<token>&x=1');
  });

  it('copies the config as JSON with the redaction markers kept', () => {
    expect(JSON.parse(configAsJson({ app_token: APP_TOKEN, n: 1 }))).toEqual({ app_token: APP_TOKEN, n: 1 });
  });
});
