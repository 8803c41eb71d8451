import { describe, expect, it } from 'vitest';
import { ALL_SITES, runsOn, siteAccess, siteLabel, sitePattern } from '../../../lib/site/access';
import { disableSite, enableSite, runOnChosenSites, runOnEverySite, type PermissionsApi } from '../../../lib/site/permissions';

describe('site access read from the granted host permissions', () => {
  it('is every site while <all_urls> (or *://*/*) is granted', () => {
    expect(siteAccess([ALL_SITES]).mode).toBe('all-sites');
    expect(siteAccess(['*://*/*']).mode).toBe('all-sites');
    expect(siteAccess([ALL_SITES, '*://shop.example/*']).sites).toEqual(['*://shop.example/*']);
  });

  it('is chosen sites otherwise, localhost and 127.0.0.1 first, then by name', () => {
    const access = siteAccess(['https://b.example/*', '*://127.0.0.1/*', '*://a.example/*', '*://localhost/*']);
    expect(access).toEqual({
      mode: 'chosen-sites',
      sites: ['*://localhost/*', '*://127.0.0.1/*', '*://a.example/*', 'https://b.example/*'],
    });
    expect(siteAccess([])).toEqual({ mode: 'chosen-sites', sites: [] });
  });

  it('ignores what is not a web site pattern', () => {
    expect(siteAccess(['chrome://favicon/*', 'file:///*', '*://x.example/*', '*://x.example/*']).sites).toEqual(['*://x.example/*']);
  });
});

describe('the pattern that enables a page’s site', () => {
  it('covers the host over http and https on any port', () => {
    expect(sitePattern('https://shop.example.com/checkout?x=1#y')).toBe('*://shop.example.com/*');
    expect(sitePattern('http://localhost:5173/demo/')).toBe('*://localhost/*');
    expect(sitePattern('http://[::1]:8080/')).toBe('*://[::1]/*');
  });

  it('is none for pages no host permission applies to', () => {
    for (const url of ['chrome://extensions/', 'about:blank', 'file:///tmp/a.html', 'moz-extension://x/options.html', 'not a url']) {
      expect(sitePattern(url), url).toBeNull();
    }
  });

  it('reads as the host alone, or with its scheme when the pattern names one', () => {
    expect(siteLabel('*://localhost/*')).toBe('localhost');
    expect(siteLabel('https://shop.example/*')).toBe('https://shop.example');
    expect(siteLabel(ALL_SITES)).toBe(ALL_SITES);
  });
});

describe('whether the extension runs on a page', () => {
  it('runs on every web page in all-sites mode, never on browser pages', () => {
    const all = siteAccess([ALL_SITES]);
    expect(runsOn(all, 'https://anything.example/')).toBe(true);
    expect(runsOn(all, 'chrome://settings/')).toBe(false);
  });

  it('runs only where a granted pattern covers the scheme and host in chosen-sites mode', () => {
    const chosen = siteAccess(['*://localhost/*', 'https://shop.example/*', '*://*.bank.example/*']);
    expect(runsOn(chosen, 'http://localhost:5173/demo/')).toBe(true);
    expect(runsOn(chosen, 'http://127.0.0.1:5173/demo/')).toBe(false);
    expect(runsOn(chosen, 'https://shop.example/pay')).toBe(true);
    expect(runsOn(chosen, 'http://shop.example/pay')).toBe(false);
    expect(runsOn(chosen, 'https://eu.bank.example/')).toBe(true);
    expect(runsOn(chosen, 'https://bank.example/')).toBe(true);
    expect(runsOn(chosen, 'https://notbank.example/')).toBe(false);
  });
});

describe('changing the sites through the permissions API', () => {
  function fakePermissions(remove: PermissionsApi['remove']) {
    const requested: string[][] = [];
    const api: PermissionsApi = {
      getAll: async () => ({ origins: [] }),
      request: async ({ origins }) => {
        requested.push(origins);
        return true;
      },
      remove,
    };
    return { api, requested };
  }

  it('asks for a site and for every site within the caller’s task, as the user gesture requires', () => {
    const { api, requested } = fakePermissions(async () => true);
    void enableSite(api, '*://localhost/*');
    void runOnEverySite(api);
    expect(requested).toEqual([['*://localhost/*'], [ALL_SITES]]);
  });

  it('drops all-sites access, or says the browser keeps it (Chrome: a manifest host permission cannot be removed)', async () => {
    expect(await runOnChosenSites(fakePermissions(async () => true).api)).toBe('removed');
    const chrome = fakePermissions(() => Promise.reject(new Error('You cannot remove required permissions.')));
    expect(await runOnChosenSites(chrome.api)).toBe('browser-setting');
    expect(await disableSite(chrome.api, '*://localhost/*')).toBe('browser-setting');
  });
});
