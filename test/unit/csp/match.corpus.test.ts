import { describe, expect, it } from 'vitest';
import { checkRequestAgainstPolicies, parseCspPolicies } from '../../../lib/csp';
import { CORPUS, policiesOf, requestOf } from '../../fixtures/csp-crosscheck/corpus';

// The corpus the e2e cross-check serves to Chromium; here each expected answer is the spec's.

describe('the CSP corpus', () => {
  for (const c of CORPUS) {
    it(c.name, () => {
      const { policies } = parseCspPolicies(policiesOf(c));
      const answers = c.probes.map((probe) => ({
        probe: `${probe.kind} ${probe.url}${probe.nonce ? ` nonce=${probe.nonce}` : ''}`,
        status: checkRequestAgainstPolicies(requestOf(probe, c.page), policies, c.page).status,
      }));
      expect(answers).toEqual(c.probes.map((probe) => ({ probe: `${probe.kind} ${probe.url}${probe.nonce ? ` nonce=${probe.nonce}` : ''}`, status: probe.expect })));
    });
  }
});
