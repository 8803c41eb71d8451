/**
 * What the background runs in a tab's frames (`scripting.executeScript`): the relay, into a
 * frame whose sentinel woke (lib/relay/sentinel.ts), and the `record` request to a top frame.
 * Nothing here listens in every frame: a frame without Lean never touches the extension API.
 */
import type { RecordAnswer } from '../protocol';
import { SENTINEL_GLOBAL } from '../protocol';

/** The part of `scripting` used here. */
export interface ScriptingApi {
  executeScript(injection: {
    target: { tabId: number; frameIds?: number[]; documentIds?: string[] };
    files?: string[];
    func?: (key: string) => RecordAnswer | undefined;
    args?: [string];
  }): Promise<Array<{ result?: unknown }>>;
}

/** The relay's file in the build (entrypoints/relay.ts). */
export const RELAY_FILE = '/relay.js';

/**
 * Injects the relay into one frame; false where the browser refuses (no access, a browser page,
 * a document that is gone). `documentId` (Chrome): the document that woke, so a relay never
 * starts in the document that replaced it in the frame meanwhile.
 */
export function injectRelay(scripting: ScriptingApi, tabId: number, frameId: number, documentId?: string): Promise<boolean> {
  const target = documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [frameId] };
  return scripting.executeScript({ target, files: [RELAY_FILE] }).then(
    () => true,
    () => false,
  );
}

/**
 * Asks the top frame to record: its sentinel tells when its document started (so the background
 * can tell a new document from the one it replaces), and the relay is injected there unless it
 * runs there already. Resolves
 * once the relay runs (its navigation is sent before this resolves); rejects, or answers
 * nothing, where no sentinel is (the document is not there yet, or not ours).
 */
export async function askTopFrame(scripting: ScriptingApi, tabId: number): Promise<RecordAnswer | undefined> {
  const [frame] = await scripting.executeScript({ target: { tabId, frameIds: [0] }, func: recordInFrame, args: [SENTINEL_GLOBAL] });
  const answer = frame?.result as RecordAnswer | undefined;
  if (answer && !answer.relayed) await injectRelay(scripting, tabId, 0);
  return answer;
}

/** Runs in the frame's isolated world, serialised: it may use nothing from this module. */
function recordInFrame(key: string): RecordAnswer | undefined {
  const sentinel = (globalThis as Record<string, unknown>)[key] as { startedAt: number; relayed: boolean } | undefined;
  return sentinel ? { startedAt: sentinel.startedAt, relayed: sentinel.relayed } : undefined;
}
