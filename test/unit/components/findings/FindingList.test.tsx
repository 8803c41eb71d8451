// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { FindingList } from '../../../../components/findings/FindingList';
import type { Finding } from '../../../../lib/model/types';

afterEach(cleanup);

const finding = (source: string | undefined): Finding => ({ code: 'missing-required', severity: 'error', field: 'app_token', message: 'Missing.', source });

function sourceOf(source: string | undefined): HTMLElement {
  const view = render(<FindingList findings={[finding(source)]} empty="None" label="Findings" />);
  return view.container.querySelector<HTMLElement>('.finding-source')!;
}

describe('a finding’s rule source', () => {
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
