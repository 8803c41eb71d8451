import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LINE, terminalLine } from '../../../lib/report/terminal';

// biome-ignore lint/suspicious/noControlCharactersInRegex: none may be printed
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('terminal sanitiser', () => {
  it('makes line breaks and escape sequences visible, on one line', () => {
    expect(terminalLine('flow threw: a\r::stop-commands::tok\r\n::add-mask::s\u001b[2J\u009b31m\u202eevil')).toBe(
      'flow threw: a\\r::stop-commands::tok\\r\\n::add-mask::s\\x1b[2J\\x9b31m\\u202eevil',
    );
  });

  it('never lets a line start a workflow command, even after leading spaces', () => {
    expect(terminalLine('::error::forged')).toBe('> ::error::forged');
    expect(terminalLine('  ::add-mask::x')).toBe('>   ::add-mask::x');
    expect(terminalLine('lean-devtools audit: ::error::x')).toBe('lean-devtools audit: ::error::x');
  });

  it('keeps ordinary text, emoji and joiners as they are, and replaces lone surrogates', () => {
    expect(terminalLine('ok ✔ 👩‍💻 café')).toBe('ok ✔ 👩‍💻 café');
    expect(terminalLine('a\ud800b')).toBe('a\ufffdb');
  });

  it('cuts a long line and says so', () => {
    const line = terminalLine('x'.repeat(MAX_LINE + 10));
    expect(line).toBe(`${'x'.repeat(MAX_LINE)}…[10 more chars]`);
  });

  it('gives one line without control characters for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const line = terminalLine(text);
        expect(line).not.toMatch(CONTROL);
        expect(line).not.toMatch(LONE_SURROGATE);
        expect(line.trimStart().startsWith('::')).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
