/**
 * How the audit gives outcome overrides (docs/overrides.md) to the hook: at init, in the
 * hook's own source. The hook bundle reads `HOOK_OVERRIDES_NAME` as a free identifier
 * (`cli/page/hook.ts`); wrapping the bundle in a function that declares it as a constant makes
 * it a closure variable of the hook, which no page script can read or set (it is not a
 * property of `window`). A flow changes them for the documents loaded after it asks.
 */
import type { OutcomeOverride } from '../model/outcomes';
import { isDocumentedSecondary, overrideSpec } from '../model/outcomes';
import { type AuditTarget, ConfigError, parseOverrides } from './config';

export const HOOK_OVERRIDES_NAME = '__leanDevtoolsOverrides';

/** The hook's source with `overrides` bound at init. */
export function hookWithOverrides(hook: string, overrides: readonly OutcomeOverride[]): string {
  // JSON is a JavaScript expression (since ES2019 also with U+2028/2029 in strings); specs are validated anyway.
  return `(() => {\nconst ${HOOK_OVERRIDES_NAME} = ${JSON.stringify(overrides)};\n${hook}\n})();\n`;
}

/** One note per override whose secondary status the SDK reference does not document (it is still applied). */
export function undocumentedNotes(targets: readonly Pick<AuditTarget, 'overrides'>[]): string[] {
  const specs = new Set<string>();
  for (const target of targets) {
    for (const o of target.overrides) {
      if (o.status !== null && o.secondary !== null && !isDocumentedSecondary(o.status, o.secondary)) specs.add(overrideSpec(o));
    }
  }
  return [...specs].map((spec) => `note: --override ${spec}: the SDK reference documents no such secondary_status for this status; applied as written`);
}

/** What a flow may call (`FlowContext.overrides`). */
export interface FlowOverrides {
  /**
   * Replaces the target's overrides with `specs` (`pay=ERROR:INVALID_CREDENTIALS`, …; none
   * clears them) for every document loaded from now on: reload or navigate after setting.
   * Throws on a malformed spec.
   */
  set(specs: readonly string[]): Promise<void>;
}

/** A target's overrides as a flow changes them, and every spec the target was given. */
export class TargetOverrides {
  readonly used = new Set<string>();

  constructor(
    initial: readonly OutcomeOverride[],
    private readonly apply: (overrides: readonly OutcomeOverride[]) => Promise<void>,
  ) {
    this.remember(initial);
  }

  readonly forFlow: FlowOverrides = {
    set: async (specs) => {
      if (!Array.isArray(specs) || specs.some((s) => typeof s !== 'string')) throw new ConfigError('overrides.set takes an array of specs');
      const next = parseOverrides(specs);
      this.remember(next);
      await this.apply(next);
    },
  };

  private remember(overrides: readonly OutcomeOverride[]): void {
    for (const override of overrides) this.used.add(overrideSpec(override));
  }
}
