import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_INTERVENTION_SETTINGS } from '../../shared/api/interventionSettings';
import { portalReportLink } from '../../shared/rules/portal';
import { withTestOrg } from '../testing/fixtures';
import { personInput, snapshotDb, userWithRole, type TestApp } from '../testing/harness';
import { resolveReportFile } from './files';

vi.setConfig({ testTimeout: 30_000 });

let app: TestApp;
let owner: string;
let interventionId: string;
let orgId: string;
withTestOrg('file', (o) => {
  app = o.app;
  owner = o.owner;
});
beforeAll(async () => {
  const branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
  const clientId = (await app.call(owner, 'clients.create', personInput('Andrei Popescu'))).client.id;
  interventionId = (await app.call(owner, 'interventions.create', { branchId, clientId, priority: 'low', docDate: '2026-11-23' })).id;
  orgId = (await app.call(owner, 'auth.me', {}))!.orgId;
});

function formText(fileId: string): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', resolveReportFile(app.core.config.dataDir, fileId)!.path, '-'], { encoding: 'utf8' });
}
/** pdfmake draws a QR code as filled squares: a page with one holds many more path fills than the form alone. */
function fills(fileId: string): number {
  return (execFileSync('pdftoppm', ['-r', '30', '-gray', '-f', '1', '-l', '1', resolveReportFile(app.core.config.dataDir, fileId)!.path], { encoding: 'latin1', maxBuffer: 1 << 24 }).match(/\x00/g) ?? []).length;
}

describe('"Raport CRM online – Intervenție": a per-organization setting and the printed form\'s QR code', () => {
  it('is off until someone turns it on, and the form then prints no link', async () => {
    expect((await app.call(owner, 'interventions.settings', {})).crmOnlineReport).toBe(false);
    const text = formText((await app.call(owner, 'reports.interventionForm', { id: interventionId })).fileId);
    expect(text).not.toContain('portal.planora.invalid');
  });

  it('when on, the form carries the QR code and the link to the report in the client portal', async () => {
    const off = await app.call(owner, 'reports.interventionForm', { id: interventionId });
    const saved = await app.call(owner, 'interventions.setSettings', { ...DEFAULT_INTERVENTION_SETTINGS, crmOnlineReport: true });
    expect(saved.crmOnlineReport).toBe(true);
    expect((await app.call(owner, 'interventions.settings', {})).crmOnlineReport).toBe(true);
    const on = await app.call(owner, 'reports.interventionForm', { id: interventionId });
    // The link wraps on paper: compared without spaces.
    const text = formText(on.fileId).replace(/\s+/g, '');
    expect(text).toContain('Onlinereport');
    expect(text).toContain(portalReportLink(orgId, interventionId));
    // The QR code darkens the first page: more black pixels than the same form without it.
    expect(fills(on.fileId)).toBeGreaterThan(fills(off.fileId) + 200);
  });

  it('prints the screen\'s words for the fields ("Intervention type", as the form and the grid name it)', async () => {
    const text = formText((await app.call(owner, 'reports.interventionForm', { id: interventionId })).fileId);
    expect(text).toContain('Intervention type');
    expect(text).not.toContain('Request type');
  });

  it('only approvers change it: a dispatcher is refused and nothing changes', async () => {
    const dispatcher = await userWithRole(app, owner, 'dispatcher');
    const before = snapshotDb(app.core);
    const r = await app.raw(dispatcher.token, 'interventions.setSettings', { ...DEFAULT_INTERVENTION_SETTINGS, crmOnlineReport: false });
    expect(r.ok).toBe(false);
    expect(snapshotDb(app.core)).toBe(before);
  });
});
