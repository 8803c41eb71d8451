import { describe, expect, it } from 'vitest';
import { DeadlineError, settleBy, withDeadline } from '../../../lib/audit/deadline';

const never = new Promise<string>(() => undefined);

describe('audit deadlines', () => {
  it('gives the work’s result when it comes in time', async () => {
    await expect(withDeadline(Promise.resolve('done'), Date.now() + 1_000, 'late')).resolves.toBe('done');
  });

  it('fails with the reason given once the deadline passes on work that never ends', async () => {
    const started = Date.now();
    const error = await withDeadline(never, started + 50, 'timed out after 50 ms loading the page').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineError);
    expect((error as Error).message).toBe('timed out after 50 ms loading the page');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('settles teardown on the fallback by its deadline, and on a failure at once', async () => {
    await expect(settleBy(never, Date.now() + 20, 'abandoned')).resolves.toBe('abandoned');
    await expect(settleBy(Promise.reject(new Error('closed')), Date.now() + 1_000, 'abandoned')).resolves.toBe('abandoned');
  });
});
