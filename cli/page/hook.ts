/**
 * The audit's MAIN-world script: the extension's hook (`entrypoints/hook.content.ts`), given
 * the target's outcome overrides at init. `__leanDevtoolsOverrides` is the constant
 * `hookWithOverrides` (lib/audit/overrides.ts) declares around this bundle: a closure
 * variable, not a global the page could set or read.
 */
import type { OutcomeOverride } from '../../lib/model/outcomes';
import { OverrideTable } from '../../lib/hook/override';
import { startHook } from '../../lib/hook/start';

declare const __leanDevtoolsOverrides: readonly OutcomeOverride[] | undefined;

try {
  const overrides = typeof __leanDevtoolsOverrides === 'undefined' ? [] : __leanDevtoolsOverrides;
  startHook(window, document, overrides.length ? new OverrideTable(overrides) : undefined);
} catch {
  // Never break the page.
}
