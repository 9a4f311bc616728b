import { describe, expect, it } from 'vitest';
import { attachmentFileId, attachmentShaOf } from '../../shared/files';
import { mayOpen, tempName } from './open-policy';

describe('opening timeline files from the desktop window', () => {
  it('hands documents and pictures to the system, never programs or scripts', () => {
    for (const ok of ['akts.pdf', 'FOTO.JPG', 'tāme.xlsx', 'scan.tiff', 'note.txt']) expect(mayOpen(ok), ok).toBe(true);
    for (const bad of ['invoice.pdf.exe', 'run.bat', 'x.cmd', 'link.lnk', 'page.html', 'a.js', 'macro.xlsm', 'a.hta', 'setup.msi', 'noext', 'ps.ps1']) expect(mayOpen(bad), bad).toBe(false);
  });

  it('names the temporary copy after the file, without folders or reserved characters', () => {
    expect(tempName('akts-Ķemeri.pdf')).toBe('akts-Ķemeri.pdf');
    expect(tempName('..\\..\\evil/../x:y?.pdf')).toBe('x_y_.pdf');
    expect(tempName('...')).toBe('file');
  });

  it('tells an attachment id from a report id', () => {
    const sha = 'a'.repeat(64);
    expect(attachmentShaOf(attachmentFileId(sha))).toBe(sha);
    for (const other of ['0f8e2a4c-1b2d-4e3f-8a9b-0c1d2e3f4a5b', `attachment:${'a'.repeat(63)}`, `attachment:${'A'.repeat(64)}`, 'attachment:../x', 7, null]) expect(attachmentShaOf(other)).toBeNull();
  });
});
