import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createProgress } from '../../../cli/progress';
import { sampleReport } from '../support/audit-fixtures';

function stream(isTTY: boolean): Writable & { isTTY: boolean; text: string } {
  const out = new Writable({
    write(chunk, _encoding, done) {
      out.text += String(chunk);
      done();
    },
  }) as Writable & { isTTY: boolean; text: string };
  out.isTTY = isTTY;
  out.text = '';
  return out;
}

const [checkout, broken] = sampleReport().targets;
const target = { name: 'checkout', url: null, flow: null, expectLean: true, cspFile: null, overrides: [] };

describe('audit progress', () => {
  it('prints plain lines in CI (no TTY): one when a target starts, one with its result', async () => {
    const out = stream(false);
    const progress = createProgress(out);
    progress.targetStarted(target, 0, 2);
    progress.targetFinished(checkout!, 0, 2);
    progress.targetFinished(broken!, 1, 2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(out.text).toBe(
      '[1/2] checkout …\n[1/2] checkout: 1 call(s), 2 error(s), 1 warning(s) (1.2 s)\n[2/2] broken: failed: flow threw: no button (1.2 s)\n',
    );
  });

  it('animates one line per target on a TTY and replaces it with the result', async () => {
    vi.useFakeTimers();
    try {
      const out = stream(true);
      const progress = createProgress(out);
      progress.targetStarted(target, 0, 1);
      vi.advanceTimersByTime(200);
      progress.targetFinished(checkout!, 0, 1);
      vi.advanceTimersByTime(500);
      await vi.runAllTimersAsync();
      const frames = out.text.split('\r\x1b[2K').filter(Boolean);
      expect(frames.length).toBe(4);
      expect(frames.at(-1)).toBe('✖ [1/1] checkout: 1 call(s), 2 error(s), 1 warning(s) (1.2 s)\n');
      expect(out.text.split('\n')).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
