/** Saves text as a file through an anchor with a blob URL: no `downloads` permission. */
export function downloadText(body: string, fileName: string, type = 'text/plain;charset=utf-8', doc: Document = document): void {
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

export function downloadJson(value: unknown, fileName: string): void {
  downloadText(JSON.stringify(value, null, 2), fileName, 'application/json');
}
