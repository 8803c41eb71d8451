import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { SendToBackground, TabSummary } from '../../lib/protocol';
import { Popup } from '../../components/popup/Popup';

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
  render(<Popup summary={summary} onOpenPanel={openPanel} />, root);
}

void main();
