/**
 * Puts the extension's hook (MAIN world) and relay (an isolated world holding the binding it
 * reports through, out of the page's reach) into every document of a target, before the
 * document's own scripts, as the extension's content scripts reach every frame.
 *
 * Chromium keeps site isolation on: a cross-site frame runs in a process of its own, as a
 * target of its own that the page's CDP session does not reach. Each session therefore
 * auto-attaches to its child targets, paused until they are instrumented (their own
 * cross-site frames in turn). Children are driven through their parent's session
 * (`Target.sendMessageToTarget`): Playwright routes no other session's messages to us.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { RELAY_BINDING, RELAY_WORLD } from './page-channel';

export interface PageScripts {
  /** The hook bundle (MAIN world). */
  hook: string;
  /** The relay bundle (isolated world). */
  relay: string;
}

type Params = Record<string, unknown>;
type Handler = (params: Params) => void;

/** Targets whose documents get the page scripts: frames, and a page a document prerenders. */
const DOCUMENT_TARGETS: ReadonlySet<string> = new Set(['iframe', 'page']);

/** One CDP target as seen from Node: commands out, events in. */
class TargetChannel {
  private readonly handlers = new Map<string, Handler>();

  constructor(readonly send: (method: string, params?: Params) => Promise<unknown>) {}

  on(method: string, handler: Handler): void {
    this.handlers.set(method, handler);
  }

  dispatch(method: string, params: Params): void {
    this.handlers.get(method)?.(params);
  }
}

const EVENTS = ['Runtime.bindingCalled', 'Target.attachedToTarget', 'Target.detachedFromTarget', 'Target.receivedMessageFromTarget'];

/**
 * Instruments the page and, as they appear, its cross-site frames; `onMessage` gets each relay
 * payload. Returns how to replace the hook's source (new outcome overrides, docs/overrides.md)
 * for the documents and frames loaded from then on.
 */
export async function instrumentPage(
  context: BrowserContext,
  page: Page,
  scripts: PageScripts,
  onMessage: (payload: string) => void,
): Promise<(hook: string) => Promise<void>> {
  const cdp = await context.newCDPSession(page);
  const root = new TargetChannel((method, params) => cdp.send(method as never, params as never));
  for (const name of EVENTS) cdp.on(name as never, (params: Params) => root.dispatch(name, params));
  // Frames attached later read `current.hook` when they are instrumented.
  const current: PageScripts = { ...scripts };
  let hookScript = await instrumentTarget(root, current, onMessage);
  return async (hook) => {
    current.hook = hook;
    await root.send('Page.removeScriptToEvaluateOnNewDocument', { identifier: hookScript });
    hookScript = ((await root.send('Page.addScriptToEvaluateOnNewDocument', { source: hook })) as { identifier: string }).identifier;
  };
}

/** Returns the identifier of the hook's script in this target. */
async function instrumentTarget(channel: TargetChannel, scripts: PageScripts, onMessage: (payload: string) => void): Promise<string> {
  const children = new Map<string, TargetChannel>();
  channel.on('Runtime.bindingCalled', (event) => {
    if (event.name === RELAY_BINDING && typeof event.payload === 'string') onMessage(event.payload);
  });
  channel.on('Target.receivedMessageFromTarget', (event) => {
    const child = children.get(String(event.sessionId));
    if (!child) return;
    let message: { method?: unknown; params?: Params };
    try {
      message = JSON.parse(String(event.message)) as typeof message;
    } catch {
      return;
    }
    if (typeof message.method === 'string') child.dispatch(message.method, message.params ?? {});
  });
  channel.on('Target.detachedFromTarget', (event) => {
    children.delete(String(event.sessionId));
  });
  channel.on('Target.attachedToTarget', (event) => {
    const sessionId = String(event.sessionId);
    const type = (event.targetInfo as { type?: unknown } | undefined)?.type;
    let nextId = 0;
    const child = new TargetChannel((method, params = {}) =>
      channel.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: ++nextId, method, params }) }),
    );
    children.set(sessionId, child);
    const resume = () => child.send('Runtime.runIfWaitingForDebugger').catch(() => undefined);
    // A child's commands run in the order sent: it resumes once instrumented, whatever
    // happened (left paused, it would hang the page). Any other target (a worker) is let go.
    if (typeof type === 'string' && DOCUMENT_TARGETS.has(type)) {
      void instrumentTarget(child, scripts, onMessage).catch(() => undefined).finally(resume);
    } else {
      void resume().then(() => channel.send('Target.detachFromTarget', { sessionId }).catch(() => undefined));
    }
  });
  await channel.send('Runtime.enable');
  await channel.send('Page.enable');
  await channel.send('Runtime.addBinding', { name: RELAY_BINDING, executionContextName: RELAY_WORLD });
  const hook = (await channel.send('Page.addScriptToEvaluateOnNewDocument', { source: scripts.hook })) as { identifier: string };
  await channel.send('Page.addScriptToEvaluateOnNewDocument', { source: scripts.relay, worldName: RELAY_WORLD });
  await channel.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  return hook.identifier;
}
