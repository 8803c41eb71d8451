/** The session file of `session-format.md`: the session model itself, serialised. */
import type { TabSession } from '../protocol';
import type { SessionFile } from '../model/types';
import { SESSION_FORMAT, SESSION_VERSION } from '../model/types';

export interface ExportContext {
  extensionVersion: string;
  browser: string;
  now: Date;
}

export function toSessionFile(session: TabSession, context: ExportContext): SessionFile {
  return {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    exportedAt: context.now.toISOString(),
    extension: { version: context.extensionVersion, browser: context.browser },
    tab: { url: session.url, title: session.title },
    events: session.events,
    droppedEvents: session.droppedEvents,
    csp: session.csp,
  };
}

/** `lean-session-<host>-<UTC timestamp>.json`, safe on every file system. */
export function sessionFileName(session: Pick<TabSession, 'url'>, now: Date): string {
  let host = 'page';
  try {
    host = new URL(session.url).hostname || host;
  } catch {
    // Keep the default for an empty or odd URL.
  }
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return `lean-session-${host.replace(/[^a-z0-9.-]/gi, '_')}-${stamp}.json`;
}
