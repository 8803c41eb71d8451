import { describe, expect, it } from 'vitest';
import { receiveDocumentHeaders, type DocumentResponse } from '../../../lib/background/document-headers';
import { PanelHub } from '../../../lib/background/panel-hub';
import { handleDocumentHeaders, handleRelayMessage } from '../../../lib/background/relay-handler';
import type { CspPolicy } from '../../../lib/model/types';
import { SessionStore } from '../../../lib/background/store';
import { PrerenderedHeaders } from '../../../lib/csp/headers';
import { MemoryArea } from '../support/memory-area';

const TAB = 4;
const CSP = { name: 'Content-Security-Policy', value: "script-src 'self'" };

function setup() {
  const store = new SessionStore(new MemoryArea());
  const deps = { store, hub: new PanelHub(store), clock: () => 1000, randomId: () => 'r', prerendered: new PrerenderedHeaders() };
  const apply = (tabId: number, url: string, policies: CspPolicy[]) => handleDocumentHeaders(tabId, url, policies, deps);
  const receive = (response: Partial<DocumentResponse>) =>
    receiveDocumentHeaders(
      { tabId: TAB, url: 'https://shop.example/', statusCode: 200, responseHeaders: [CSP], timeStamp: 1000, ...response },
      { prerendered: deps.prerendered, apply },
    );
  const policies = async () => (await store.session(TAB)).csp?.policies.map((p) => p.text) ?? [];
  return { deps, receive, policies };
}

describe('document response headers', () => {
  it("replace the tab's audit with the document's header policies", async () => {
    const { receive, policies } = setup();
    await receive({});
    expect(await policies()).toEqual(["script-src 'self'"]);
  });

  it('leave the audit alone for a redirect, a download or a response outside any tab', async () => {
    const { receive, policies } = setup();
    await receive({ statusCode: 302 });
    await receive({ responseHeaders: [CSP, { name: 'Content-Disposition', value: 'attachment; filename=a.pdf' }] });
    await receive({ tabId: -1 });
    expect(await policies()).toEqual([]);
  });

  it('of a prerendered or prefetched document wait until that document starts in the tab', async () => {
    const { deps, receive, policies } = setup();
    await receive({ url: 'https://shop.example/next', documentLifecycle: 'prerender' });
    await receive({ url: 'https://shop.example/other', documentId: 'shown-document' });
    expect(await policies()).toEqual([]);
    await handleRelayMessage(TAB, { kind: 'document-start', url: 'https://shop.example/next', time: 1000 }, deps);
    expect(await policies()).toEqual(["script-src 'self'"]);
  });

  it('of a new document drop what a prerender held for the tab', async () => {
    const { deps, receive, policies } = setup();
    await receive({ url: 'https://shop.example/next', documentLifecycle: 'prerender' });
    await receive({ url: 'https://shop.example/', responseHeaders: [] });
    await handleRelayMessage(TAB, { kind: 'document-start', url: 'https://shop.example/next', time: 1000 }, deps);
    expect(await policies()).toEqual([]);
  });
});
