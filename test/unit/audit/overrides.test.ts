import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../lib/audit/config';
import { HOOK_OVERRIDES_NAME, hookWithOverrides, TargetOverrides, undocumentedNotes } from '../../../lib/audit/overrides';
import { parseOverride } from '../../../lib/model/outcomes';

describe('audit: overrides given to the hook at init', () => {
  it('are a constant of the hook’s own scope, never a global the page could read or set', () => {
    const hook = `seen = typeof ${HOOK_OVERRIDES_NAME} === 'undefined' ? null : ${HOOK_OVERRIDES_NAME};`;
    const page: Record<string, unknown> = { seen: undefined };
    runInNewContext(hookWithOverrides(hook, [parseOverride('pay=ERROR:INVALID_CREDENTIALS')]), page);
    expect(page.seen).toEqual([parseOverride('pay=ERROR:INVALID_CREDENTIALS')]);
    expect(runInNewContext(`typeof ${HOOK_OVERRIDES_NAME}`, page)).toBe('undefined');
    expect(Object.keys(page)).toEqual(['seen']);
  });

  it('are replaced by a flow for later documents, every spec used remembered', async () => {
    const applied: string[][] = [];
    const overrides = new TargetOverrides([parseOverride('pay=CANCELLED')], async (next) => {
      applied.push(next.map((o) => o.method));
    });
    await overrides.forFlow.set(['connect=none']);
    expect(applied).toEqual([['connect']]);
    expect([...overrides.used]).toEqual(['pay=CANCELLED', 'connect=none']);
    await expect(overrides.forFlow.set(['pay=NOPE'])).rejects.toThrow(ConfigError);
    await expect(overrides.forFlow.set('pay=CANCELLED' as never)).rejects.toThrow(ConfigError);
  });

  it('notes, once, an override whose secondary status the SDK reference does not document', () => {
    const targets = [{ overrides: [parseOverride('pay=ERROR:NEW_REASON'), parseOverride('connect=ERROR:INVALID_CREDENTIALS')] }, { overrides: [parseOverride('pay=ERROR:NEW_REASON')] }];
    expect(undocumentedNotes(targets)).toEqual([
      'note: --override pay=ERROR:NEW_REASON: the SDK reference documents no such secondary_status for this status; applied as written',
    ]);
  });
});
