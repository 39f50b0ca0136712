/**
 * Saves a file the page made (a chart's PNG or CSV) through an `<a download>` of a `blob:` URL
 * of this page: the browser's own download, with no network and no extension permission. The URL
 * is let go a minute later, long after the browser has started the save.
 */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The chart's canvas on the page's background colour (a transparent PNG is unreadable in dark viewers). */
export function canvasPng(canvas: HTMLCanvasElement, background: string): Promise<Blob | null> {
  const copy = document.createElement('canvas');
  copy.width = canvas.width;
  copy.height = canvas.height;
  const context = copy.getContext('2d');
  if (!context) return Promise.resolve(null);
  context.fillStyle = background;
  context.fillRect(0, 0, copy.width, copy.height);
  context.drawImage(canvas, 0, 0);
  return new Promise((resolve) => copy.toBlob(resolve, 'image/png'));
}
