import { describe, expect, it } from 'vitest';
import { ConfigError, envLayer, fileLayer, mergeLayers, parseOverrides } from '../../../lib/audit/config';
import { overrideSpec } from '../../../lib/model/outcomes';

const FILE = '/repo/lean-devtools.config.json';
const specs = (config: ReturnType<typeof mergeLayers>) => config.targets.map((t) => t.overrides.map(overrideSpec));

describe('audit config: outcome overrides', () => {
  it('takes --override for every target, a later spec for a method replacing an earlier one', () => {
    const config = mergeLayers(
      [{ urls: ['https://a.example/', 'https://b.example/'], overrides: parseOverrides(['pay=CANCELLED', 'pay=ERROR:INVALID_CREDENTIALS', 'connect=none']) }],
      null,
    );
    expect(specs(config)).toEqual([
      ['pay=ERROR:INVALID_CREDENTIALS', 'connect=none'],
      ['pay=ERROR:INVALID_CREDENTIALS', 'connect=none'],
    ]);
  });

  it('reads per-target overrides from the file, and flags win over them for the same method', () => {
    const file = fileLayer(
      JSON.stringify({
        targets: [
          { url: 'https://a.example/', overrides: ['pay=CANCELLED', 'connect=SUCCESS@1s'] },
          { url: 'https://b.example/' },
        ],
      }),
      FILE,
    );
    const config = mergeLayers([file, { overrides: parseOverrides(['pay=REDIRECT']) }], FILE);
    expect(specs(config)).toEqual([['connect=SUCCESS@1s', 'pay=REDIRECT'], ['pay=REDIRECT']]);
  });

  it('reads LEAN_DEVTOOLS_OVERRIDE, comma- or space-separated', () => {
    const config = mergeLayers([envLayer({ LEAN_DEVTOOLS_OVERRIDE: 'pay=CANCELLED, connect=none' }), { urls: ['https://a.example/'] }], null);
    expect(specs(config)).toEqual([['pay=CANCELLED', 'connect=none']]);
  });

  it('refuses a malformed spec with a usage error saying what it expects', () => {
    expect(() => parseOverrides(['pay=FAILED'])).toThrow(ConfigError);
    expect(() => fileLayer(JSON.stringify({ overrides: ['pay'] }), FILE)).toThrow(/expected method=STATUS/);
  });
});
