/**
 * Issue 14.1: no page can freeze the background through the rules. Whatever strings a page
 * puts in a config, a callback or a URL (each as long as the relay lets through:
 * `CAPTURE_LIMITS.maxString`), the rules' work stays linear in the input. Counted, not timed:
 * every regular-expression execution is metered (the characters it was handed), and every
 * regular expression the rules ran is checked by recheck, a ReDoS analyser, to backtrack at
 * most linearly on any input. Together: characters handed to regexes ≤ K × input characters,
 * and each of those runs in steps linear in its input. (The quadratic colour check of
 * `'rgb(' + '1'.repeat(n)` is what the analyser reports as polynomial.)
 */
import fc from 'fast-check';
import { checkSync } from 'recheck';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainCallback, METHODS, sessionFindings } from '../../../lib/rules';
import { FIELDS } from '../../../lib/rules/fields';
import { CUSTOMIZATION_KEYS } from '../../../lib/rules/customization';
import { withFindings } from '../../../lib/background/findings';
import { CAPTURE_LIMITS } from '../../../lib/model/capture-limits';
import type { SessionEvent, Snapshot } from '../../../lib/model/types';

const MAX = CAPTURE_LIMITS.maxString;
/**
 * Characters the rules may hand to regexes per character of input (each value is read by a
 * few rules), and per value whatever its length (a key is compared with each known name).
 */
const WORK_PER_INPUT_CHAR = 100;
const WORK_PER_VALUE = 64 * WORK_PER_INPUT_CHAR;

/** Every regex executed while the meter runs, and the characters they were handed. */
const meter = { on: false, chars: 0, seen: new Map<string, { source: string; flags: string }>() };
const originalExec = RegExp.prototype.exec;

beforeAll(() => {
  // `test`, `replace`, `match` and `split` all reach `exec` once it is replaced (ECMA-262 RegExpExec).
  RegExp.prototype.exec = function exec(this: RegExp, input: string) {
    if (!meter.on) return originalExec.call(this, input);
    const text = String(input);
    const from = this.global || this.sticky ? Math.min(this.lastIndex, text.length) : 0;
    const match = originalExec.call(this, text);
    // The characters the search passed over: up to the end of its match, or to the end of the text.
    meter.chars += (match ? match.index + match[0].length : text.length) - from;
    meter.seen.set(`/${this.source}/${this.flags}`, { source: this.source, flags: this.flags });
    return match;
  };
});

afterAll(() => {
  RegExp.prototype.exec = originalExec;
});

/** Strings built to hit backtracking: long runs of one unit between a prefix and a suffix, and random mixes of rule syntax. */
const hostile = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('', 'rgb(', 'rgba(', 'rgb(1 ', 'rgb(1,', '#', ' ', '[redacted a exp=', '[redacted a sub=', '[date ', '[', 'eyJ', 'https://x/?code='),
      fc.constantFrom('1', 'A', 'Aa', ' ', '.', '1.', ', 1', ' 1', ']', '-', 'a.', 'x'),
      fc.integer({ min: 0, max: MAX }),
      fc.constantFrom('', 'x', ')', '%', ']', 'a', '.'),
    )
    .map(([prefix, unit, count, suffix]) => (prefix + unit.repeat(Math.ceil(count / unit.length))).slice(0, MAX - suffix.length) + suffix),
  fc
    .array(fc.constantFrom('1', '.', 'rgb(', 'rgba(', ' ', ',', '/', '%', ')', 'A', 'a', '-', '_', '[', ']', '[redacted ', ' exp=', '…', 'eyJ', '#', 'e', ':', '\t'), {
      maxLength: 600,
    })
    .map((parts) => parts.join('').slice(0, MAX)),
);

interface Input {
  method: string;
  config: { [key: string]: Snapshot };
  frameUrl: string;
  data: { [key: string]: Snapshot };
}

/** A config for `method` with a hostile string in every field, every customization key and an unknown key. */
const input: fc.Arbitrary<Input> = fc
  .tuple(fc.constantFrom(...Object.keys(METHODS), 'conect'), fc.array(hostile, { minLength: 8, maxLength: 8 }))
  .map(([method, [a, b, c, d, e, f, g, h]]) => {
    const config: { [key: string]: Snapshot } = {};
    for (const field of Object.keys(FIELDS)) config[field] = a!;
    config.permissions = [b!, c!];
    config.customization = Object.fromEntries([...Object.keys(CUSTOMIZATION_KEYS).map((key) => [key, c!]), [d!, e!]]);
    config[f!] = g!;
    return {
      method,
      config,
      frameUrl: 'https://shop.example/?' + h!,
      data: { status: a!, secondary_status: b!, message: c!, exit_point: d!, lean_correlation_id: e! },
    };
  });

/** Characters and values (strings, keys) in the input. */
function size(value: unknown): { chars: number; values: number } {
  const total = { chars: 0, values: 0 };
  const add = (item: unknown): void => {
    if (typeof item === 'string') {
      total.chars += item.length;
      total.values++;
    } else if (Array.isArray(item)) item.forEach(add);
    else if (item && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        add(key);
        add(child);
      }
    }
  };
  add(value);
  return total;
}

/** What the background and panel run on a call and its callback: findings, session findings, the callback's explanation. */
function runRules({ method, config, frameUrl, data }: Input): void {
  const loader: SessionEvent = { type: 'loader', id: 'l', time: 0, frameUrl, src: frameUrl, region: 'ae', insertedAt: 0, afterInteraction: true };
  const call = withFindings({ type: 'call', id: 'c', time: 1, frameUrl, method, config, findings: [], callsite: null }, [loader]);
  const callback: SessionEvent = { type: 'callback', id: 'b', time: 2, frameUrl, callId: 'c', data, durationMs: 1 };
  sessionFindings([loader, call, callback], 10_000);
  explainCallback(data);
}

function metered(run: () => void): number {
  meter.chars = 0;
  meter.on = true;
  try {
    run();
  } finally {
    meter.on = false;
  }
  return meter.chars;
}

describe('the rules on strings up to the relay’s cap', () => {
  it('hand regular expressions at most a fixed number of characters per input character and value (500 inputs)', () => {
    fc.assert(
      fc.property(input, (generated) => {
        const work = metered(() => runRules(generated));
        const { chars, values } = size(generated);
        expect(work).toBeLessThanOrEqual(WORK_PER_INPUT_CHAR * chars + WORK_PER_VALUE * values);
      }),
      { numRuns: 500 },
    );
  });

  it('run only regular expressions that backtrack at most linearly on any input (recheck)', { timeout: 120_000 }, () => {
    meter.seen.clear();
    fc.assert(
      fc.property(input, (generated) => {
        metered(() => runRules(generated));
      }),
      { numRuns: 200 },
    );
    expect(meter.seen.size).toBeGreaterThan(5);
    const superLinear = [...meter.seen]
      .map(([name, { source, flags }]) => ({ name, result: checkSync(source, flags) }))
      .filter(({ result }) => result.status !== 'safe' || !['constant', 'linear', 'safe'].includes(result.complexity.type))
      .map(({ name, result }) => `${name}: ${result.status === 'vulnerable' ? `${result.complexity.type} ${result.complexity.summary}` : result.status}`);
    expect(superLinear).toEqual([]);
  });
});
