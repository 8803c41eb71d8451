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
