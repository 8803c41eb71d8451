// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { Options } from '../../../../components/options/Options';
import { Popup, type PopupSite } from '../../../../components/popup/Popup';
import type { PermissionsApi } from '../../../../lib/site/permissions';

afterEach(cleanup);

/** Permissions as a browser holds them; `removable: false` is Chrome with its manifest's host permission. */
function browserPermissions(origins: string[], { removable = true } = {}) {
  let granted = [...origins];
  const listeners: (() => void)[] = [];
  const requested: string[][] = [];
  const changed = () => {
    for (const fn of listeners) fn();
  };
  const api: PermissionsApi = {
    getAll: async () => ({ origins: granted }),
    request: async ({ origins: asked }) => {
      requested.push(asked);
      granted = [...new Set([...granted, ...asked])];
      changed();
      return true;
    },
    remove: async ({ origins: dropped }) => {
      if (!removable) throw new Error('You cannot remove required permissions.');
      granted = granted.filter((o) => !dropped.includes(o));
      changed();
      return true;
    },
  };
  return { api, requested, watch: (fn: () => void) => void listeners.push(fn) };
}

function renderOptions(permissions: ReturnType<typeof browserPermissions>) {
  return render(<Options permissions={permissions.api} watch={permissions.watch} openBrowserSetting={() => {}} />);
}

const listed = (container: Element) => [...container.querySelectorAll('#site-list li')].map((li) => li.getAttribute('data-site'));
const checked = (container: Element, id: string) => (container.querySelector(`#${id}`) as HTMLInputElement).checked;

describe('options page', () => {
  it('switches to chosen sites by dropping all-sites access, keeping the chosen ones', async () => {
    const permissions = browserPermissions(['<all_urls>', '*://shop.example/*']);
    const { container } = renderOptions(permissions);
    await waitFor(() => expect(checked(container, 'mode-all-sites')).toBe(true));
    fireEvent.click(container.querySelector('#mode-chosen-sites')!);
    await waitFor(() => expect(checked(container, 'mode-chosen-sites')).toBe(true));
    expect(listed(container)).toEqual(['*://shop.example/*']);
    expect(container.querySelector('#browser-setting')).toBeNull();
  });

  it('points to the browser’s Site access setting when the browser keeps all-sites access', async () => {
    const { container } = renderOptions(browserPermissions(['<all_urls>'], { removable: false }));
    await waitFor(() => expect(checked(container, 'mode-all-sites')).toBe(true));
    fireEvent.click(container.querySelector('#mode-chosen-sites')!);
    await waitFor(() => expect(container.querySelector('#browser-setting')).not.toBeNull());
  });

  it('suggests localhost and 127.0.0.1 first, and enables a suggestion in one click', async () => {
    const permissions = browserPermissions([]);
    const { container } = renderOptions(permissions);
    await waitFor(() => expect(checked(container, 'mode-chosen-sites')).toBe(true));
    const suggestions = () => [...container.querySelectorAll('.suggestion')].map((b) => b.getAttribute('data-site'));
    expect(suggestions()).toEqual(['*://localhost/*', '*://127.0.0.1/*']);
    fireEvent.click(container.querySelector('.suggestion')!);
    await waitFor(() => expect(listed(container)).toEqual(['*://localhost/*']));
    expect(suggestions()).toEqual(['*://127.0.0.1/*']);
  });

  it('enables a typed site or address as its host pattern, asking within the submit', async () => {
    const permissions = browserPermissions([]);
    const { container } = renderOptions(permissions);
    await waitFor(() => expect(container.querySelector('#site-input')).not.toBeNull());
    const input = container.querySelector('#site-input') as HTMLInputElement;
    fireEvent.input(input, { target: { value: 'https://shop.example.com:8443/checkout' } });
    fireEvent.submit(container.querySelector('form')!);
    expect(permissions.requested).toEqual([['*://shop.example.com/*']]);
    fireEvent.input(input, { target: { value: 'dev.example' } });
    fireEvent.submit(container.querySelector('form')!);
    expect(permissions.requested.at(-1)).toEqual(['*://dev.example/*']);
    await waitFor(() => expect(listed(container)).toEqual(['*://dev.example/*', '*://shop.example.com/*']));
  });

  it('says so when the typed text is no web address', async () => {
    const permissions = browserPermissions([]);
    const { container } = renderOptions(permissions);
    await waitFor(() => expect(container.querySelector('#site-input')).not.toBeNull());
    fireEvent.input(container.querySelector('#site-input')!, { target: { value: 'ftp://files.example/' } });
    fireEvent.submit(container.querySelector('form')!);
    expect(permissions.requested).toEqual([]);
    expect(container.textContent).toContain('Not a web address.');
  });
});

describe('popup on a site the extension does not run on', () => {
  function site(overrides: Partial<PopupSite> = {}) {
    const calls: string[] = [];
    const value: PopupSite = {
      label: 'shop.example',
      enabled: false,
      enable: async () => {
        calls.push('enable');
        return true;
      },
      reload: () => void calls.push('reload'),
      openOptions: () => void calls.push('options'),
      ...overrides,
    };
    return { value, calls };
  }

  it('offers to enable the site, then to reload the page', async () => {
    const { value, calls } = site();
    const { container } = render(<Popup summary={null} onOpenPanel={null} site={value} />);
    fireEvent.click(container.querySelector('#enable-site')!);
    expect(calls).toEqual(['enable']);
    await waitFor(() => expect(container.querySelector('#reload-tab')).not.toBeNull());
    fireEvent.click(container.querySelector('#reload-tab')!);
    expect(calls).toEqual(['enable', 'reload']);
  });

  it('offers nothing where the extension already runs, and stays put when the user refuses', async () => {
    const enabled = render(<Popup summary={null} onOpenPanel={null} site={site({ enabled: true }).value} />);
    expect(enabled.container.querySelector('#site-access')).toBeNull();
    cleanup();
    const refused = site({ enable: async () => false });
    const { container } = render(<Popup summary={null} onOpenPanel={null} site={refused.value} />);
    fireEvent.click(container.querySelector('#enable-site')!);
    await new Promise((r) => setTimeout(r, 0));
    expect(container.querySelector('#reload-tab')).toBeNull();
    expect(container.querySelector('#enable-site')).not.toBeNull();
  });
});
