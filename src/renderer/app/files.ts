import type { Output } from '../../shared/api';
import type { FileAction } from '../../shared/api/reports';
import { ApiCallError } from './api';

/**
 * Generated files (PDF reports, CSV/XLSX exports): every screen opens them through here.
 * Desktop: main shows them in the system's programs or saves a copy (window.planora.openFile).
 * Web mode: the browser downloads them from /api/files/<fileId>, served only to the user who made them.
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
 * Web mode starts the browser's download whatever the action: the browser's viewer and its dialog do the rest.
 */
export async function openProducedFile(file: ProducedFile, action: FileAction = 'open'): Promise<boolean> {
  const bridge = window.planora;
  if (!bridge) {
    download(file);
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

/** Starts the browser's download of a produced file without leaving the screen. */
function download(file: ProducedFile): void {
  const a = document.createElement('a');
  a.href = fileUrl(file.fileId);
  if (file.fileName) a.download = file.fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
