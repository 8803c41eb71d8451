import { describe, expect, it, vi } from 'vitest';
import { routeMessage, type RouterDeps, type Sender } from '../../../lib/background/router';
import type { RelayMessage, TabSummary } from '../../../lib/protocol';

const ID = 'our-extension';
const ROOT = 'chrome-extension://our-extension/';
const SUMMARY: TabSummary = { calls: 2, failedCallbacks: 1, errorFindings: 0, loaderSeen: true };
const POPUP: Sender = { id: ID, url: `${ROOT}popup.html` };
const CONTENT_SCRIPT: Sender = { id: ID, url: 'https://shop.example/', tab: { id: 7 } };
const TITLE: RelayMessage = { kind: 'document-title', title: 'Checkout' };

function deps(overrides: Partial<RouterDeps> = {}): RouterDeps {
  return {
    extensionId: ID,
    extensionRoot: ROOT,
    summary: vi.fn(async () => SUMMARY),
    relay: vi.fn(async () => undefined),
    wake: vi.fn(async () => true),
    ...overrides,
  };
}

describe('background router: the popup', () => {
  it('gets the summary of the tab it names', async () => {
    const d = deps();
    await expect(routeMessage({ kind: 'tab-summary', tabId: 3 }, POPUP, d)).resolves.toEqual(SUMMARY);
    expect(d.summary).toHaveBeenCalledWith(3);
  });

  it('is refused when the sender is another extension, a content script or a web page', () => {
    const d = deps();
    const request = { kind: 'tab-summary', tabId: 3 };
    expect(routeMessage(request, { id: 'other', url: 'chrome-extension://other/popup.html' }, d)).toBeUndefined();
    expect(routeMessage(request, CONTENT_SCRIPT, d)).toBeUndefined();
    expect(routeMessage(request, { id: ID, url: 'https://evil.example/our-extension/' }, d)).toBeUndefined();
    expect(d.summary).not.toHaveBeenCalled();
  });

  it('is refused without an integer tab id', () => {
    const d = deps();
    expect(routeMessage({ kind: 'tab-summary', tabId: '3' }, POPUP, d)).toBeUndefined();
    expect(routeMessage({ kind: 'tab-summary' }, POPUP, d)).toBeUndefined();
  });
});

describe('background router: relay messages', () => {
  it('are stored for the tab the content script runs in, and answered with true', async () => {
    const d = deps();
    await expect(routeMessage(TITLE, CONTENT_SCRIPT, d)).resolves.toBe(true);
    expect(d.relay).toHaveBeenCalledWith(7, TITLE, 0);
  });

  it('carry the frame they came from, so a frame can be told apart from the top page', async () => {
    const d = deps();
    await routeMessage(TITLE, { ...CONTENT_SCRIPT, frameId: 4 }, d);
    expect(d.relay).toHaveBeenCalledWith(7, TITLE, 4);
  });

  it('are ignored from an extension page (no tab) or another extension', () => {
    const d = deps();
    expect(routeMessage(TITLE, POPUP, d)).toBeUndefined();
    expect(routeMessage(TITLE, { ...CONTENT_SCRIPT, id: 'other' }, d)).toBeUndefined();
    expect(d.relay).not.toHaveBeenCalled();
  });

  it('of an unknown kind, or that are not objects, are left unanswered', () => {
    const d = deps();
    for (const message of [{ kind: 'format-disk' }, null, 'events', 42]) {
      expect(routeMessage(message, CONTENT_SCRIPT, d)).toBeUndefined();
    }
    expect(d.relay).not.toHaveBeenCalled();
  });
});

describe('background router: the e2e session request', () => {
  it('is answered only where the test build provides it', async () => {
    const session = { tabId: 7, url: '', title: '', events: [], droppedEvents: 0, refusedMessages: 0, csp: null, backgroundInstance: 'b1' };
    expect(routeMessage({ kind: 'e2e-session' }, CONTENT_SCRIPT, deps())).toBeUndefined();
    await expect(routeMessage({ kind: 'e2e-session' }, CONTENT_SCRIPT, deps({ e2eSession: async () => session }))).resolves.toEqual(session);
  });
});
