/**
 * Files the host sends back (exports, templates, rejected rows) arrive base64-encoded in the
 * call's answer. They are saved through an <a download> link on a Blob URL, which works the
 * same in the browser host and in Electron (which shows its save dialog).
 */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function base64ToBlob(base64: string, type = XLSX_MIME): Blob {
  const binary = atob(base64.replace(/^data:[^,]*;base64,/, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** A file name Windows accepts: no \ / : * ? " < > |. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|]/g, '_').trim() || 'download.xlsx';
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = safeFileName(fileName);
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has taken the data by the time this runs; the URL only holds memory.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Saves a base64 workbook (an ExcelFile from the host) under its own or the given name. */
export function downloadBase64(base64: string, fileName: string, type = XLSX_MIME): void {
  downloadBlob(base64ToBlob(base64, type), fileName);
}

/** A chosen file's bytes as base64 (without the data: prefix), read locally: nothing is uploaded. */
export function readFileBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const result = typeof reader.result === 'string' ? reader.result : '';
      resolve(result.slice(result.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
