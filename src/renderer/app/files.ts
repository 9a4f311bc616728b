import type { Output } from '../../shared/api';
import type { FileAction } from '../../shared/api/reports';
import { ApiCallError } from './api';

/**
 * Generated files (PDF reports, CSV/XLSX exports): every screen opens them through here.
 * Desktop: main shows them in the system's programs or saves a copy (window.planora.openFile).
 * Web mode: the browser downloads them from /api/files/<fileId>, served only to the user who made them; a PDF to
 * print opens in the app's print preview (FilePreview.tsx) first.
 */

export type ProducedFile = Pick<Output<'reports.interventionForm'>, 'fileId' | 'fileName'>;
export type { FileAction };

/** True in the desktop app, where a file opens in the system's viewer and can be saved through a dialog. */
export function desktopFiles(): boolean {
  return !!window.planora;
}

/** Web mode's address of a produced file. */
export function fileUrl(fileId: string): string {
  return `/api/files/${encodeURIComponent(fileId)}`;
}

/**
 * Opens ('open'), prints ('print': the system's viewer, to print from there) or saves ('save') a produced file.
 * Resolves false when the person closed the save dialog; throws ApiCallError (shown with errorText) when main refuses.
 * Web mode: 'print' of a PDF report opens the print preview (the PDF in the page, with Print and Download);
 * anything else starts the browser's download.
 */
export async function openProducedFile(file: ProducedFile, action: FileAction = 'open'): Promise<boolean> {
  const bridge = window.planora;
  if (!bridge) {
    if (action === 'print' && previewable(file)) showPreview(file);
    else download(file);
    return true;
  }
  let result: Awaited<ReturnType<typeof bridge.openFile>>;
  try {
    result = await bridge.openFile(file.fileId, action);
  } catch {
    result = { ok: false, error: { code: 'internal', key: 'errors.network' } };
  }
  if (!result.ok) throw new ApiCallError(result.error);
  return result.data.done;
}

/** Generated PDF reports (not timeline attachments, whose ids carry a prefix and which are never framed). */
function previewable(file: ProducedFile): boolean {
  return !file.fileId.includes(':') && /\.pdf$/i.test(file.fileName);
}

// The file in the print preview, for the one FilePreview the shell mounts.
let previewed: ProducedFile | null = null;
const previewListeners = new Set<() => void>();
function showPreview(file: ProducedFile | null): void {
  previewed = file;
  previewListeners.forEach((l) => l());
}
export const preview = {
  subscribe(l: () => void) {
    previewListeners.add(l);
    return () => previewListeners.delete(l);
  },
  current: () => previewed,
  close: () => showPreview(null),
};

/** Web mode's address of a PDF report shown inside the page (main lets only the app's own page frame it). */
export function previewUrl(fileId: string): string {
  return `${fileUrl(fileId)}?view=preview`;
}

/** Starts the browser's download of a produced file without leaving the screen. */
export function download(file: ProducedFile): void {
  const a = document.createElement('a');
  a.href = fileUrl(file.fileId);
  if (file.fileName) a.download = file.fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
