import { useEffect, useState } from 'preact/hooks';

export type CopyState = 'idle' | 'copied' | 'failed';

/** A copy button's feedback ("Copied ✓" / "Copy failed"), back to idle after 1.5 s. */
export function useCopyState(): [CopyState, (state: CopyState) => void] {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(timer);
  }, [state]);
  return [state, setState];
}
