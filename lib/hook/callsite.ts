/**
 * Finds the page's own call site in a stack trace: the first frame that is not the
 * extension's code. Understands V8 (`    at fn (url:1:2)`) and SpiderMonkey (`fn@url:1:2`).
 */
import { redactUrl } from './redact';
import { regexExec, stringSplit } from './intrinsics';

const EXTENSION_SCHEME = /^(?:chrome|moz|safari-web)-extension:/;
// The innermost "url:line:col" of a frame; eval frames nest one inside another.
const V8_FRAME = /^\s*at (?:.*?\()?(?:.*\()?([^()\s]+):(\d+):(\d+)\)*\s*$/;
const GECKO_FRAME = /^[^@]*@(.+):(\d+):(\d+)$/;

export function callsiteFromStack(stack: string): string | null {
  const lines = stringSplit(stack, '\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const match = regexExec(V8_FRAME, line) ?? regexExec(GECKO_FRAME, line);
    if (!match) continue;
    const url = match[1]!;
    if (regexExec(EXTENSION_SCHEME, url)) continue;
    return redactUrl(url) + ':' + match[2] + ':' + match[3];
  }
  return null;
}
