/**
 * Text for a terminal or a CI log, where page text must stay text: every line the CLI prints
 * (stderr messages, progress, summaries, `fixture` results) goes through `terminalLine`.
 *
 * - One line: CR, LF and every other C0 control, DEL, the C1 controls (NEL, CSI…), the line and
 *   paragraph separators and the bidi controls become visible escapes (`\r`, `\x1b`, `\u202e`),
 *   so no escape sequence reaches a terminal and no CR starts a new line for a log reader.
 * - Never a workflow command: a line that would start with `::` (GitHub Actions reads
 *   `::stop-commands::`, `::add-mask::`, `::error` only at the start of a line, after leading
 *   whitespace) is prefixed.
 * - Well-formed: lone surrogates become U+FFFD; at most `MAX_LINE` characters.
 */

/** Longest line printed, in UTF-16 code units (before the cut note). */
export const MAX_LINE = 2000;

// biome-ignore lint/suspicious/noControlCharactersInRegex: neutralising them is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': ' ' };

function visible(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with each lone surrogate replaced by U+FFFD: safe for `encodeURI`, UTF-8 and every parser. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd');
}

/** Control characters made visible, lone surrogates replaced: safe inside any printed line. */
export function printable(text: string): string {
  return wellFormed(text).replace(UNSAFE, visible);
}

/** One printable line (see the module comment), without its line ending. */
export function terminalLine(text: string): string {
  let line = printable(text);
  if (line.length > MAX_LINE) {
    const cut = line.charCodeAt(MAX_LINE - 1) >= 0xd800 && line.charCodeAt(MAX_LINE - 1) <= 0xdbff ? MAX_LINE - 1 : MAX_LINE;
    line = `${line.slice(0, cut)}…[${line.length - cut} more chars]`;
  }
  return /^\s*::/.test(line) ? `> ${line}` : line;
}
