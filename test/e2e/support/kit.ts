/**
 * What test/fixtures/patterns/kit.js puts on a pattern page's `window`, for the callbacks the
 * tests pass to `page.evaluate` / `page.waitForFunction` (types only: those run in the page).
 */
export interface KitWindow {
  Kit: {
    /** Callback data the page received, by label, in order. */
    results: Record<string, { status: string }[] | undefined>;
    /** Errors the page caught itself. */
    errors: unknown[];
  };
}

/** patterns/frames.html also records each iframe's callback status, by frame name. */
export interface FramesKitWindow {
  Kit: KitWindow['Kit'] & { frames: Record<string, string> };
}
