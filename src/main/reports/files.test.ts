import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/harness';
import { isReportFileId, newReportFile, ownReportFile, pruneReportFiles, reportsDir, resolveReportFile, safeFileName } from './files';

const owner = { orgId: 'org-1', userId: 'user-1' };

describe('report files', () => {
  it('resolves a made file to its path, type and name, and nothing else', () => {
    const data = tempDir();
    const f = newReportFile(data, 'xlsx', 'Intervenții: noiembrie/2026', owner, Date.now());
    fs.writeFileSync(f.path, 'x');
    expect(f.fileName).toBe('Intervenții noiembrie 2026.xlsx');
    expect(resolveReportFile(data, f.fileId)).toEqual({
      path: path.join(reportsDir(data), `${f.fileId}.xlsx`),
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      name: 'Intervenții noiembrie 2026.xlsx',
      size: 1,
      ...owner,
    });
    for (const bad of ['', '../planora.db', `${f.fileId}/../x`, f.fileId.toUpperCase(), `${f.fileId}.json`, 'ffffffff-ffff-4fff-8fff-ffffffffffff']) expect(resolveReportFile(data, bad), bad).toBeNull();
  });

  it('gives a file only to the user who made it, in their organization, and never a path out of DATA/reports', () => {
    const data = tempDir();
    const f = newReportFile(data, 'pdf', 'Form', owner, Date.now());
    fs.writeFileSync(f.path, '%PDF');
    // Something worth reaching for beside the reports folder, and a planted file that is not a report's.
    fs.writeFileSync(path.join(data, 'planora.db'), 'db');
    fs.writeFileSync(path.join(reportsDir(data), 'planted.pdf'), 'x');
    const me = { id: owner.userId, orgId: owner.orgId };
    expect(ownReportFile(data, f.fileId, me)).toMatchObject({ path: path.join(reportsDir(data), `${f.fileId}.pdf`), name: 'Form.pdf', mime: 'application/pdf' });
    expect(ownReportFile(data, f.fileId, { ...me, id: 'user-2' }), 'another user of the organization').toBeNull();
    expect(ownReportFile(data, f.fileId, { ...me, orgId: 'org-2' }), 'the same user id in another organization').toBeNull();
    const traversal = ['../planora.db', '..\\planora.db', '..', `../reports/${f.fileId}`, `${f.fileId}/..`, `${f.fileId}.pdf`, `${f.fileId}.json`, 'planted', path.join(reportsDir(data), f.fileId), ` ${f.fileId}`, `${f.fileId}\n`];
    for (const bad of traversal) {
      expect(isReportFileId(bad), bad).toBe(false);
      expect(ownReportFile(data, bad, me), bad).toBeNull();
    }
    for (const bad of [undefined, null, 42, { fileId: f.fileId }]) expect(isReportFileId(bad)).toBe(false);
    expect(isReportFileId(f.fileId)).toBe(true);
  });

  it('does not serve a file whose content was never written', () => {
    const data = tempDir();
    const f = newReportFile(data, 'pdf', 'Form', owner, Date.now());
    expect(resolveReportFile(data, f.fileId)).toBeNull();
  });

  it('removes old files and keeps recent ones', () => {
    const data = tempDir();
    const old = newReportFile(data, 'csv', 'old', owner, Date.now());
    fs.writeFileSync(old.path, 'a');
    const past = new Date(Date.now() - 8 * 24 * 3600_000);
    for (const p of [old.path, path.join(reportsDir(data), `${old.fileId}.json`)]) fs.utimesSync(p, past, past);
    const fresh = newReportFile(data, 'csv', 'fresh', owner, Date.now());
    fs.writeFileSync(fresh.path, 'b');
    expect(resolveReportFile(data, old.fileId)).toBeNull();
    expect(resolveReportFile(data, fresh.fileId)).not.toBeNull();
    expect(pruneReportFiles(data, Date.now())).toBe(0);
  });

  it('makes names any file system accepts', () => {
    expect(safeFileName('a<b>c:d"e/f\\g|h?i*j', 'pdf')).toBe('a b c d e f g h i j.pdf');
    expect(safeFileName('   ', 'csv')).toBe('report.csv');
    expect(safeFileName('Ремонт Երևան', 'pdf')).toBe('Ремонт Երևան.pdf');
  });
});
