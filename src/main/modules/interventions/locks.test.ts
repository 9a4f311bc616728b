import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupOrg, startTestApp, type TestApp } from '../../testing/harness';
import { uploaded } from '../../testing/uploads';

let app: TestApp;
let owner: string;
let branchId: string;
let clientId: string;

beforeEach(async () => {
  app = await startTestApp();
  owner = await setupOrg(app);
  branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
  clientId = (await app.call(owner, 'clients.create', { kind: 'person', name: 'Rūta', phones: [], emails: [], addresses: [], contacts: [] })).client.id;
});
afterEach(async () => app.close());

const draft = (docDate: string) => ({ branchId, clientId, priority: 'medium' as const, docDate });

async function timelineOf(id: string): Promise<string[]> {
  return (await app.call(owner, 'interventions.get', { id })).timeline.map((n) => n.text);
}

async function lockSession(on: boolean): Promise<void> {
  const settings = await app.call(owner, 'interventions.settings', {});
  await app.call(owner, 'interventions.setSettings', { ...settings, lockSession: on });
}

describe('locks on the timeline and its files', () => {
  it('refuses notes, attachments and uploads while the module session is locked, at the field, and writes nothing', async () => {
    const doc = await app.call(owner, 'interventions.create', draft('2026-11-23'));
    const file = await uploaded(app, owner, 'signed act');
    await lockSession(true);

    const note = await app.raw(owner, 'interventions.addNote', { id: doc.id, style: 2, text: 'Called back' });
    expect(note).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.module_session_locked', field: 'text' } });
    const withFile = await app.raw(owner, 'interventions.addNote', { id: doc.id, style: 1, text: 'scan', attachment: { name: 'act.txt', uploadId: file } });
    expect(withFile).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.module_session_locked', field: 'attachment' } });
    const upload = await app.raw(owner, 'interventions.uploadChunk', { offset: 0, data: Buffer.from('more').toString('base64') });
    expect(upload).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.module_session_locked', field: 'attachment' } });
    expect(await timelineOf(doc.id)).toEqual([]);

    // The refused line did not take the file: once the session opens, the same upload is attached.
    await lockSession(false);
    await app.call(owner, 'interventions.addNote', { id: doc.id, style: 1, text: 'scan', attachment: { name: 'act.txt', uploadId: file } });
    expect(await timelineOf(doc.id)).toEqual(['scan']);
  });

  it('refuses notes and attachments on a document dated in a locked working period, and accepts them after unlock', async () => {
    const doc = await app.call(owner, 'interventions.create', draft('2026-10-15'));
    const file = await uploaded(app, owner, 'photo');
    await app.call(owner, 'periods.lock', { month: '2026-10' });

    const note = await app.raw(owner, 'interventions.addNote', { id: doc.id, style: 2, text: 'Called back' });
    expect(note).toMatchObject({ ok: false, error: { code: 'locked_period', key: 'errors.period_locked', field: 'text', params: { month: '2026-10' } } });
    const withFile = await app.raw(owner, 'interventions.addNote', { id: doc.id, style: 1, text: 'photo', attachment: { name: 'p.jpg', uploadId: file } });
    expect(withFile).toMatchObject({ ok: false, error: { code: 'locked_period', field: 'attachment' } });
    expect(await timelineOf(doc.id)).toEqual([]);

    // A document of an open month is not held up by another month's lock.
    const open = await app.call(owner, 'interventions.create', draft('2026-11-20'));
    await app.call(owner, 'interventions.addNote', { id: open.id, style: 2, text: 'November' });
    expect(await timelineOf(open.id)).toEqual(['November']);

    await app.call(owner, 'periods.unlock', { month: '2026-10' });
    await app.call(owner, 'interventions.addNote', { id: doc.id, style: 1, text: 'photo', attachment: { name: 'p.jpg', uploadId: file } });
    expect(await timelineOf(doc.id)).toEqual(['photo']);
  });

  it('takes a document date only in an open working period, refused at the date field', async () => {
    await app.call(owner, 'periods.lock', { month: '2026-10' });
    const created = await app.raw(owner, 'interventions.create', draft('2026-10-31'));
    expect(created).toMatchObject({ ok: false, error: { code: 'locked_period', key: 'errors.period_locked', field: 'docDate', params: { month: '2026-10' } } });

    const doc = await app.call(owner, 'interventions.create', draft('2026-11-02'));
    const moved = await app.raw(owner, 'interventions.update', { id: doc.id, version: doc.version, ...draft('2026-10-30') });
    expect(moved).toMatchObject({ ok: false, error: { code: 'locked_period', field: 'docDate' } });
    expect((await app.call(owner, 'interventions.get', { id: doc.id })).docDate).toBe('2026-11-02');
    expect((await app.call(owner, 'interventions.count', { scope: { filters: {} } })).total).toBe(1);
  });
});
