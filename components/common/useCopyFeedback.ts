import { useEffect, useState } from 'preact/hooks';

type CopyState = 'idle' | 'copied' | 'failed';

/** How long a copy button says "Copied ✓" or "Copy failed" before showing its label again. */
const FEEDBACK_MS = 1500;

/**
 * Every copy button's feedback: `copyText` runs the copy, `label` is what the button says
 * (its own label, or the outcome for a moment), `state` goes into its class.
 */
export function useCopyFeedback(copy: (text: string) => Promise<boolean>) {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [state]);
  return {
    state,
    /** Copies `text`, or what `make` returns: a `make` that throws shows "Copy failed". */
    copyText(text: string | (() => string)): void {
      // The copy starts within the click itself: a clipboard write needs the user's gesture.
      let started: Promise<boolean>;
      try {
        started = copy(typeof text === 'function' ? text() : text);
      } catch {
        started = Promise.resolve(false);
      }
      void started.then(
        (ok) => setState(ok ? 'copied' : 'failed'),
        () => setState('failed'),
      );
    },
    label(idle: string): string {
      return state === 'copied' ? 'Copied ✓' : state === 'failed' ? 'Copy failed' : idle;
    },
  };
}
