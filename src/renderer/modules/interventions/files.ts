import type { Output } from '../../../shared/api';

/** A file main produced (report, export), served by web mode to the user who asked for it. */
export function fileUrl(fileId: string): string {
  return `/api/files/${encodeURIComponent(fileId)}`;
}

/** Starts the browser's download of a produced file without leaving the screen. */
export function downloadFile(fileId: string, fileName?: string): void {
  const a = document.createElement('a');
  a.href = fileUrl(fileId);
  if (fileName) a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export type ProducedFile = Pick<Output<'reports.interventionForm'>, 'fileId' | 'fileName'>;
