import { describe, expect, it } from 'vitest';
import { chooseSandbox } from '../../../lib/audit/browser';

describe('Chromium sandbox decision', () => {
  it('keeps the sandbox for a user other than root', () => {
    expect(chooseSandbox(true, 1000)).toEqual({ sandbox: true, notice: null });
  });

  it('runs without it as root, where Chromium cannot start sandboxed, and says why', () => {
    const choice = chooseSandbox(true, 0);
    expect(choice.sandbox).toBe(false);
    expect(choice.notice).toMatch(/^running as root, where Chromium cannot start sandboxed/);
    expect(choice.notice).not.toContain('\n');
  });

  it('runs without it when told to (--no-sandbox), with nothing to say', () => {
    expect(chooseSandbox(false, 1000)).toEqual({ sandbox: false, notice: null });
    expect(chooseSandbox(false, 0)).toEqual({ sandbox: false, notice: null });
  });

  it('keeps it where there are no user ids (Windows)', () => {
    expect(chooseSandbox(true, null)).toEqual({ sandbox: true, notice: null });
  });
});
