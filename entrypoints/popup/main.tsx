import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { SendToBackground, TabSummary } from '../../lib/protocol';
import { Popup, type PopupSite } from '../../components/popup/Popup';
import { runsOn, siteLabel, sitePattern } from '../../lib/site/access';
import { enableSite, readSiteAccess } from '../../lib/site/permissions';

// `?tabId=N` for tests and screenshots; otherwise the active tab of this window.
async function targetTab(): Promise<number | null> {
  const param = new URLSearchParams(location.search).get('tabId');
  if (param !== null) return Number.isInteger(Number(param)) ? Number(param) : null;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

async function main(): Promise<void> {
  const root = document.getElementById('root')!;
  const tabId = await targetTab();
  let summary: TabSummary | null = null;
  if (tabId !== null) {
    const send: SendToBackground = (request) => browser.runtime.sendMessage(request);
    summary = (await send({ kind: 'tab-summary', tabId }).catch(() => null)) ?? null;
  }
  const openPanel =
    tabId === null
      ? null
      : () => {
          void browser.tabs.create({ url: browser.runtime.getURL(`/panel.html?tabId=${tabId}`) });
          window.close();
        };
  render(<Popup summary={summary} onOpenPanel={openPanel} site={tabId === null ? null : await siteOf(tabId)} />, root);
}

/**
 * The tab's site, when the popup may know it: the browser shows the tab's URL on a site the
 * extension has access to, and on any tab once the toolbar button was clicked there (`activeTab`).
 */
async function siteOf(tabId: number): Promise<PopupSite | null> {
  const url = (await browser.tabs.get(tabId).catch(() => null))?.url;
  const pattern = url ? sitePattern(url) : null;
  if (!url || !pattern) return null;
  const access = await readSiteAccess(browser.permissions);
  return {
    label: siteLabel(pattern),
    enabled: runsOn(access, url),
    enable: () => enableSite(browser.permissions, pattern),
    reload: () => void browser.tabs.reload(tabId).then(() => window.close()),
    openOptions: () => void browser.runtime.openOptionsPage().then(() => window.close()),
  };
}

void main();
