// Saving something main produced (a setup export, a diagnostics zip) as a file, the way a link with `download`
// does: the browser's own download, in the app and in a browser tab alike.

/** Starts a download of `data` as `fileName`. */
export function download(data: BlobPart, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // After the click has handed the blob to the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
