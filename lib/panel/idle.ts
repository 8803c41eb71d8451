/**
 * Work the panel can do after what the user is waiting for: in the browser's idle time
 * (at the latest after `timeoutMs`), or after a short delay where there is no idle callback.
 * Returns a cancel function.
 */
export function whenIdle(fn: () => void, timeoutMs = 500): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(fn, { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(fn, 16);
  return () => clearTimeout(handle);
}
