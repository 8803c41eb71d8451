// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { FindingList } from '../../../../components/findings/FindingList';
import type { Finding } from '../../../../lib/model/types';
import { citeSource } from '../../../../lib/rules/sources';

afterEach(cleanup);

const finding = (source: string | undefined): Finding => ({ code: 'missing-required', severity: 'error', field: 'app_token', message: 'Missing.', source });

function sourceOf(source: string | undefined): HTMLElement {
  const view = render(<FindingList findings={[finding(source)]} empty="None" label="Findings" />);
  return view.container.querySelector<HTMLElement>('.finding-source')!;
}

describe('a finding’s rule source', () => {
  it('cites the rule as the support report and the audit do, linked to its first source', () => {
    const link = sourceOf('PAY-INTENT').querySelector('a')!;
    expect(link.textContent).toBe(citeSource('PAY-INTENT').text);
    expect(link.textContent).toContain('SDK reference rule PAY-INTENT — link-sdk-react-native@d54c979');
    expect(link.getAttribute('href')).toBe(citeSource('PAY-INTENT').url);
  });

  it('links a section of the SDK reference to the vendor’s page, opened in a new tab', () => {
    const link = sourceOf('SDK reference §1, method table').querySelector('a')!;
    expect(link.textContent).toBe('SDK reference §1, method table');
    expect(link.getAttribute('href')).toBe('https://docs.leantech.me/docs/web');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noreferrer noopener');
  });

  it('stays text for a section without a vendor page, or a source an imported file made up', () => {
    for (const source of ['SDK reference §3, mistakes seen in real integrations', 'javascript:alert(1)', 'https://evil.example/']) {
      const el = sourceOf(source);
      expect(el.querySelector('a')).toBeNull();
      expect(el.textContent).toContain(source);
    }
  });
});
