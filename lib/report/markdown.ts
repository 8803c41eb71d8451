/**
 * Markdown that reads as plain text and cannot be turned into anything else by the page's
 * data: page values go into code spans (no links, no HTML, no emphasis) or are escaped, and
 * code blocks use a fence longer than any run of backticks inside them.
 */

/** One line: control characters and line breaks become spaces. */
export function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

/** Page text inside prose: Markdown punctuation escaped, one line. */
export function text(value: string): string {
  return oneLine(value).replace(/[\\`*_[\]<>|~#!]/g, (c) => '\\' + c);
}

function longestRun(value: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of value) {
    run = c === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/**
 * A code span: shown literally by Markdown, readable as plain text. `inTable` escapes `|`
 * (GitHub-flavoured tables split cells on it even inside code).
 */
export function code(value: string, inTable = false): string {
  let body = oneLine(value);
  if (inTable) body = body.replace(/\|/g, '\\|');
  if (body === '') return '` `';
  const ticks = '`'.repeat(longestRun(body, '`') + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ')) ? ' ' : '';
  return ticks + pad + body + pad + ticks;
}

/** A fenced code block. */
export function fence(body: string, lang = ''): string {
  const ticks = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return `${ticks}${lang}\n${body}\n${ticks}`;
}
