/**
 * Copies text from an extension page. DevTools panels are frames where the async Clipboard
 * API is often refused (no focus, or no clipboard-write permission), so this falls back to
 * a hidden textarea and `execCommand('copy')`, which works during a user gesture.
 */
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  try {
    const clipboard = doc.defaultView?.navigator.clipboard;
    if (clipboard?.writeText) {
      await clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall through to the textarea.
  }
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  area.style.insetInlineStart = '-9999px';
  const active = doc.activeElement as HTMLElement | null;
  doc.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = doc.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  active?.focus?.();
  return ok;
}
