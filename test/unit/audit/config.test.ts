import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, envLayer, fileLayer, mergeLayers, parseRuleOverrides } from '../../../lib/audit/config';

const FILE = '/repo/ci/lean-devtools.config.json';

describe('audit config layering (file, then LEAN_DEVTOOLS_*, then flags)', () => {
  it('uses the defaults when only a URL is given', () => {
    const config = mergeLayers([{ urls: ['https://shop.example/'] }], null);
    expect(config).toMatchObject({ ...DEFAULTS, configFile: null });
    expect(config.targets).toEqual([
      { name: 'https://shop.example/', url: 'https://shop.example/', flow: null, expectLean: true, cspFile: null, overrides: [] },
    ]);
  });

  it('lets the environment override the file and the flags override the environment', () => {
    const file = fileLayer(JSON.stringify({ failOn: 'warning', timeout: 5000, reporters: ['junit'] }), FILE);
    const env = envLayer({ LEAN_DEVTOOLS_FAIL_ON: 'never', LEAN_DEVTOOLS_TIMEOUT: '7000', LEAN_DEVTOOLS_URL: 'https://a.example/' });
    const config = mergeLayers([file, env, { failOn: 'error', urls: ['https://b.example/'] }], FILE);
    expect(config.failOn).toBe('error');
    expect(config.timeout).toBe(7000);
    expect(config.reporters).toEqual(['junit']);
    expect(config.targets.map((t) => t.url)).toEqual(['https://b.example/']);
  });

  it('keeps Chromium’s sandbox unless the file or a flag turns it off', () => {
    expect(mergeLayers([{ urls: ['https://a.example/'] }], null).sandbox).toBe(true);
    expect(mergeLayers([fileLayer(JSON.stringify({ sandbox: false }), FILE), { urls: ['https://a.example/'] }], FILE).sandbox).toBe(false);
    expect(mergeLayers([{ urls: ['https://a.example/'], sandbox: false }], null).sandbox).toBe(false);
  });

  it('merges rule overrides by id, later layers winning', () => {
    const file = fileLayer(JSON.stringify({ rules: { 'loader-late': 'error', 'unknown-field': 'off' } }), FILE);
    const config = mergeLayers([file, { urls: ['https://a.example/'], rules: { 'loader-late': 'warning' } }], FILE);
    expect(config.rules).toEqual({ 'loader-late': 'warning', 'unknown-field': 'off' });
  });

  it('resolves the file’s paths against the file’s folder', () => {
    const file = fileLayer(
      JSON.stringify({ targets: [{ url: 'https://a.example/', flow: './flows/pay.mjs' }], outputDir: 'out', baseline: 'base.json' }),
      FILE,
    );
    const config = mergeLayers([file], FILE);
    expect(config.targets[0]!.flow).toBe(path.resolve('/repo/ci/flows/pay.mjs'));
    expect(config.outputDir).toBe(path.resolve('/repo/ci/out'));
    expect(config.baseline).toBe(path.resolve('/repo/ci/base.json'));
  });

  it('keeps the file’s targets when the flags give no URL, and applies a flag’s flow to each', () => {
    const file = fileLayer(JSON.stringify({ targets: [{ name: 'shop', url: 'https://a.example/', expectLean: false }] }), FILE);
    const config = mergeLayers([file, { flow: '/flows/pay.mjs' }], FILE);
    expect(config.targets).toEqual([{ name: 'shop', url: 'https://a.example/', flow: '/flows/pay.mjs', expectLean: false, cspFile: null, overrides: [] }]);
  });

  it('makes a flow alone one target', () => {
    const config = mergeLayers([{ flow: '/flows/pay.mjs' }], null);
    expect(config.targets).toEqual([{ name: 'pay.mjs', url: null, flow: '/flows/pay.mjs', expectLean: true, cspFile: null, overrides: [] }]);
  });

  it('applies --no-expect-lean to every target', () => {
    const file = fileLayer(JSON.stringify({ targets: [{ url: 'https://a.example/' }, { url: 'https://b.example/' }] }), FILE);
    expect(mergeLayers([file, { expectLean: false }], FILE).targets.map((t) => t.expectLean)).toEqual([false, false]);
  });

  it('refuses a run with nothing to audit', () => {
    expect(() => mergeLayers([{}], null)).toThrow(ConfigError);
  });

  it('refuses a malformed or unknown setting in the file, naming it', () => {
    expect(() => fileLayer('{ nope', FILE)).toThrow(/not JSON/);
    expect(() => fileLayer(JSON.stringify({ failOn: 'sometimes' }), FILE)).toThrow(/failOn/);
    expect(() => fileLayer(JSON.stringify({ colour: 'blue' }), FILE)).toThrow(ConfigError);
  });

  it('refuses a target URL that is not http(s) or file', () => {
    expect(() => mergeLayers([{ urls: ['javascript:alert(1)'] }], null)).toThrow(/not an http/);
  });

  it('reads rule overrides as id=level and refuses anything else', () => {
    expect(parseRuleOverrides(['loader-late=off', 'csp-blocked=warning'])).toEqual({ 'loader-late': 'off', 'csp-blocked': 'warning' });
    expect(() => parseRuleOverrides(['loader-late'])).toThrow(ConfigError);
    expect(() => parseRuleOverrides(['loader-late=fatal'])).toThrow(ConfigError);
  });

  it('reads every LEAN_DEVTOOLS_* variable and ignores empty ones', () => {
    expect(
      envLayer({
        LEAN_DEVTOOLS_URL: 'https://a.example/, https://b.example/',
        LEAN_DEVTOOLS_REPORTER: 'json,sarif',
        LEAN_DEVTOOLS_OUTPUT_DIR: 'out',
        LEAN_DEVTOOLS_RULE: 'loader-late=off',
        LEAN_DEVTOOLS_BASELINE: 'base.json',
        LEAN_DEVTOOLS_CHROMIUM_PATH: '/opt/chromium',
        LEAN_DEVTOOLS_FLOW: '',
      }),
    ).toEqual({
      urls: ['https://a.example/', 'https://b.example/'],
      reporters: ['json', 'sarif'],
      outputDir: 'out',
      rules: { 'loader-late': 'off' },
      baseline: 'base.json',
      chromiumPath: '/opt/chromium',
    });
    expect(() => envLayer({ LEAN_DEVTOOLS_REPORTER: 'html' })).toThrow(/unknown reporter/);
  });
});
