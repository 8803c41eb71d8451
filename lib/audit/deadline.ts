/**
 * Every wait of an audit run ends by a deadline (epoch ms) derived from `--timeout`: a page,
 * a flow or a browser that never answers costs the run its time, never the CI job.
 */

/** A wait that passed its deadline; its message is the one-line reason the target reports. */
export class DeadlineError extends Error {}

/** `work`, or a `DeadlineError` with `message` once `deadline` passes (the work itself is abandoned). */
export async function withDeadline<T>(work: Promise<T>, deadline: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(message)), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** `work`'s result, or `fallback` once `deadline` passes; never rejects (for teardown). */
export async function settleBy<T>(work: Promise<T>, deadline: number, fallback: T): Promise<T> {
  try {
    return await withDeadline(work, deadline, 'deadline');
  } catch {
    return fallback;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
