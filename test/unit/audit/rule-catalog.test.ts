import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSP_BLOCKED, INCOMPLETE_SESSION, RULES } from '../../../lib/audit/rule-catalog';

/** Every code `lib/rules` passes to `finding(…)`, read from its source. */
function codesInRules(): Set<string> {
  const codes = new Set<string>();
  for (const file of readdirSync('lib/rules')) {
    const text = readFileSync(`lib/rules/${file}`, 'utf8');
    for (const match of text.matchAll(/\bfinding\(\s*'([a-z][a-z-]*)'/g)) codes.add(match[1]!);
  }
  return codes;
}

describe('audit rule catalogue', () => {
  it('lists exactly the codes the validator can produce, the CSP verdict and the completeness check', () => {
    const catalogue = RULES.map((r) => r.id);
    expect(new Set(catalogue).size).toBe(catalogue.length);
    expect(new Set(catalogue.filter((id) => id !== CSP_BLOCKED && id !== INCOMPLETE_SESSION))).toEqual(codesInRules());
  });
});
