/** Saves a Blob as a file through a temporary link (works in Electron and in the browser mode). */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a tick later is enough.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Saves text (JSON, CSV) as a file. */
export function downloadText(filename: string, mimeType: string, content: string): void {
  downloadBlob(filename, new Blob([content], { type: mimeType }));
}

/** Saves a data: URL (a chart's PNG) as a file, its bytes decoded from base64. */
export function downloadDataUrl(filename: string, dataUrl: string): void {
  const comma = dataUrl.indexOf(',');
  const mime = /^data:([^;,]+)/.exec(dataUrl)?.[1] ?? 'application/octet-stream';
  const binary = atob(dataUrl.slice(comma + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  downloadBlob(filename, new Blob([bytes], { type: mime }));
}
