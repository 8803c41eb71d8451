/** Saves text as a file through an anchor with a blob URL: no `downloads` permission. */
export function downloadText(body: string, fileName: string, type = 'text/markdown;charset=utf-8', doc: Document = document): void {
  const blob = new Blob([body], { type });
  const url = URL.createObjectURL(blob);
  const anchor = doc.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.style.display = 'none';
  doc.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** `Chrome 131.0.6778.85` / `Firefox 128.0` from a user agent, or null. */
export function browserVersionFromUserAgent(ua: string): string | null {
  const patterns: [RegExp, string][] = [
    [/\bEdg\/([\d.]+)/, 'Edge'],
    [/\bOPR\/([\d.]+)/, 'Opera'],
    [/\bFirefox\/([\d.]+)/, 'Firefox'],
    [/\bChrom(?:e|ium)\/([\d.]+)/, 'Chrome'],
    [/\bVersion\/([\d.]+).*Safari\//, 'Safari'],
  ];
  for (const [re, name] of patterns) {
    const m = re.exec(ua);
    if (m) return `${name} ${m[1]}`;
  }
  return null;
}
