import { afterEach, describe, expect, it } from 'vitest';
import { askTopFrame, injectRelay, RELAY_FILE, type ScriptingApi } from '../../../lib/background/inject';
import { SENTINEL_GLOBAL } from '../../../lib/protocol';

/** `scripting` as the browser runs it: `func` with its `args` in the frame (here, this realm). */
function scripting(options: { refuse?: boolean } = {}) {
  const injected: Array<{ tabId: number; frameIds?: number[]; documentIds?: string[]; files?: string[] }> = [];
  const api: ScriptingApi = {
    async executeScript(injection) {
      if (options.refuse) throw new Error('Cannot access contents of the page.');
      injected.push({ ...injection.target, files: injection.files });
      return [{ result: injection.func ? injection.func(...injection.args!) : undefined }];
    },
  };
  return { api, injected };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[SENTINEL_GLOBAL];
});

describe('what the background runs in a tab’s frames', () => {
  it('injects the relay into the one frame that woke', async () => {
    const { api, injected } = scripting();
    await expect(injectRelay(api, 7, 3)).resolves.toBe(true);
    expect(injected).toEqual([{ tabId: 7, frameIds: [3], files: [RELAY_FILE] }]);
  });

  it('injects into the very document that woke where the browser names it (Chrome), not whatever replaced it', async () => {
    const { api, injected } = scripting();
    await injectRelay(api, 7, 3, 'doc-a');
    expect(injected).toEqual([{ tabId: 7, documentIds: ['doc-a'], files: [RELAY_FILE] }]);
  });

  it('reports a frame the browser refuses as not injected', async () => {
    await expect(injectRelay(scripting({ refuse: true }).api, 7, 0)).resolves.toBe(false);
  });

  it('asks the top frame when its document started, then injects the relay there', async () => {
    (globalThis as Record<string, unknown>)[SENTINEL_GLOBAL] = { startedAt: 1_234, relayed: false };
    const { api, injected } = scripting();
    await expect(askTopFrame(api, 7)).resolves.toEqual({ startedAt: 1_234, relayed: false });
    expect(injected).toEqual([
      { tabId: 7, frameIds: [0], files: undefined },
      { tabId: 7, frameIds: [0], files: [RELAY_FILE] },
    ]);
  });

  it('injects nothing more where the top frame’s relay runs already', async () => {
    (globalThis as Record<string, unknown>)[SENTINEL_GLOBAL] = { startedAt: 1_234, relayed: true };
    const { api, injected } = scripting();
    await expect(askTopFrame(api, 7)).resolves.toEqual({ startedAt: 1_234, relayed: true });
    expect(injected).toEqual([{ tabId: 7, frameIds: [0], files: undefined }]);
  });

  it('answers nothing, and injects nothing, where no sentinel runs (the document is not there yet)', async () => {
    const { api, injected } = scripting();
    await expect(askTopFrame(api, 7)).resolves.toBeUndefined();
    expect(injected).toHaveLength(1);
  });
});
