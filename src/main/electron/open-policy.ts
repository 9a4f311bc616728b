import path from 'node:path';

/**
 * Which timeline files the desktop app hands to the system to open. A timeline file is whatever someone uploaded:
 * "invoice.pdf.exe", a .lnk or a script would run with the clerk's rights on a click. Documents and pictures
 * open; anything else can only be saved (then it is the person's own, deliberate step). Office formats that carry
 * macros (docm, xlsm…) are left out on purpose.
 */
const OPENABLE = new Set([
  'pdf',
  'txt',
  'csv',
  'rtf',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'odt',
  'ods',
  'odp',
  'ppt',
  'pptx',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'bmp',
  'tif',
  'tiff',
  'heic',
  'eml',
]);

export function mayOpen(fileName: string): boolean {
  return OPENABLE.has(path.extname(fileName).slice(1).toLowerCase());
}

/** A name safe to create in a temporary folder on any system: no folders, no reserved characters, not empty. */
export function tempName(fileName: string): string {
  const base = path.basename(fileName.replace(/\\/g, '/'))
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(-120);
  return base || 'file';
}
