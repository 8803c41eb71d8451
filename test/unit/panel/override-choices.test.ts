import { describe, expect, it } from 'vitest';
import { outcomeChoices, overrideSpecOf } from '../../../lib/panel/override-choices';
import { parseOverride } from '../../../lib/model/outcomes';

describe('Override next callback choices', () => {
  it('offers every documented status and secondary status, and no callback', () => {
    expect(outcomeChoices()).toEqual([
      'SUCCESS',
      'ERROR',
      'ERROR:INVALID_CREDENTIALS',
      'CANCELLED',
      'REDIRECT',
      'LINK_CLOSED_PROGRAMMATICALLY',
      'none',
    ]);
  });

  it('writes specs the parser reads back, with a delay when one is given', () => {
    for (const spec of [overrideSpecOf('pay', 'CANCELLED', ''), overrideSpecOf('pay', 'ERROR:INVALID_CREDENTIALS', ' 2.5 '), overrideSpecOf('pay', 'none', '3')]) {
      expect(() => parseOverride(spec!)).not.toThrow();
    }
    expect(overrideSpecOf('pay', 'ERROR:INVALID_CREDENTIALS', '2.5')).toBe('pay=ERROR:INVALID_CREDENTIALS@2.5s');
    expect(overrideSpecOf('pay', 'none', '3')).toBe('pay=none');
  });

  it('refuses a delay the hook would not accept', () => {
    expect(overrideSpecOf('pay', 'CANCELLED', '601')).toBeNull();
    expect(overrideSpecOf('pay', 'CANCELLED', '-1')).toBeNull();
    expect(overrideSpecOf('pay', 'CANCELLED', 'soon')).toBeNull();
  });
});
