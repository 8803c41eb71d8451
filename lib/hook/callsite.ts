/**
 * Finds the page's own call site in a stack trace: the first `url:line:column` that is not
 * the extension's code. One pattern reads V8 (`    at fn (url:1:2)`, eval frames with the
 * location nested inside) and SpiderMonkey (`fn@url:1:2`). Frames without a real URL
 * (Firefox shows MAIN-world extension code as `<anonymous code>`) are skipped.
 */
import { redactUrl } from '../privacy/redact';
import { regexExec, stringSplit } from '../model/intrinsics';

const EXTENSION_SCHEME = /^(?:chrome|moz|safari-web)-extension:/;
const LOCATION = /([a-z][a-z0-9+.-]*:[^()\s]*?):(\d+):(\d+)/gi;

export function callsiteFromStack(stack: string): string | null {
  const lines = stringSplit(stack, '\n');
  for (let i = 0; i < lines.length; i++) {
    LOCATION.lastIndex = 0;
    const match = regexExec(LOCATION, lines[i]!);
    if (!match || regexExec(EXTENSION_SCHEME, match[1]!)) continue;
    return redactUrl(match[1]!) + ':' + match[2] + ':' + match[3];
  }
  return null;
}
