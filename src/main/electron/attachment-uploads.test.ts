/** One limit and one way for timeline files in both transports: web mode over HTTP, and the desktop relay (the IPC path). */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '../../shared/api/interventions';
import type { ApiResult } from '../../shared/api/errors';
import { Relay } from './relay';
import type { WebServer } from '../server';
import { OWNER, personInput, snapshotDb, userWithRole, type TestApp } from '../testing/harness';
import { withTestWeb } from '../testing/fixtures';
import { apiPost, loginCookie } from '../testing/web';
import { sendUpload, uploaded } from '../testing/uploads';

let app: TestApp;
let server: WebServer;
let owner: string;
let docId: string;

withTestWeb(async (web) => {
  ({ app, owner, server } = web);
  const branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
  const client = await app.call(owner, 'clients.create', personInput('Jānis Bērziņš'));
  docId = (await app.call(owner, 'interventions.create', { branchId, clientId: client.client.id, priority: 'low', docDate: '2026-11-23' })).id;
});

type Caller = (name: string, input: unknown) => Promise<ApiResult<any>>;

/** Web mode, over real HTTP with the browser's cookie and Origin. */
async function webCaller(): Promise<Caller> {
  const cookie = await loginCookie(server);
  return async (name, input) => (await apiPost(server, name, input, { cookie })).json() as Promise<ApiResult<any>>;
}

/** The desktop app's path: the window's call relayed by main (which keeps the session) to the core. */
async function ipcCaller(): Promise<Caller> {
  const relay = new Relay((req) => app.core.dispatch(req));
  relay.attach(7, () => undefined);
  expect((await relay.call(7, 'auth.login', OWNER)).ok).toBe(true);
  return (name, input) => relay.call(7, name, input);
}

const attachmentFiles = () => (fs.existsSync(app.core.config.attachmentsDir) ? fs.readdirSync(app.core.config.attachmentsDir, { recursive: true }).filter((f) => /[0-9a-f]{64}$/.test(String(f))) : []);
const uploadsLeft = () => {
  const dir = path.join(app.core.config.dataDir, 'uploads');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

describe.each([
  ['web mode (HTTP)', webCaller],
  ['the desktop app (IPC relay)', ipcCaller],
])('a timeline file through %s', (_label, makeCaller) => {
  it('takes a 9 MB file, stores it whole under its SHA-256', async () => {
    const call = await makeCaller();
    const bytes = randomBytes(9 * 1024 * 1024);
    const started = performance.now();
    const sent = await sendUpload((name, input) => call(name, input), bytes);
    expect(sent).toMatchObject({ ok: true, data: { size: bytes.length } });
    const note = await call('interventions.addNote', { id: docId, style: 1, text: 'Scan of the signed act', attachment: { name: 'akts.pdf', uploadId: sent.ok ? sent.data.uploadId : '' } });
    const ms = performance.now() - started;
    expect(note).toMatchObject({ ok: true, data: { attachmentName: 'akts.pdf', attachmentSize: bytes.length, attachmentSha256: createHash('sha256').update(bytes).digest('hex') } });
    console.log(`9 MB attachment through ${_label}: ${Math.round(ms)} ms`);
    const sha = (note as { data: { attachmentSha256: string } }).data.attachmentSha256;
    const stored = path.join(app.core.config.attachmentsDir, sha.slice(0, 2), sha);
    expect(fs.readFileSync(stored).equals(bytes)).toBe(true);
    expect(uploadsLeft()).toEqual([]);
    // An upload is taken once.
    const again = await call('interventions.addNote', { id: docId, style: 1, text: 'Again', attachment: { name: 'akts.pdf', uploadId: sent.ok ? sent.data.uploadId : '' } });
    expect(again).toEqual({ ok: false, error: { code: 'validation', key: 'errors.upload_lost', field: 'attachment' } });
  });

  it('refuses a file one byte over the limit with the limit in the message, and changes nothing', async () => {
    const call = await makeCaller();
    const before = snapshotDb(app.core);
    const files = attachmentFiles();
    const r = await sendUpload((name, input) => call(name, input), randomBytes(ATTACHMENT_MAX_BYTES + 1));
    expect(r).toEqual({ ok: false, error: { code: 'validation', key: 'errors.attachment_too_big', field: 'attachment', params: { max: 10 } } });
    expect(snapshotDb(app.core)).toBe(before);
    expect(attachmentFiles()).toEqual(files);
    expect(uploadsLeft()).toEqual([]);
  });
});

describe('uploads belong to their sender and arrive in order', () => {
  it('another user cannot take my upload; a lost or repeated piece is refused', async () => {
    const mine = await uploaded(app, owner, 'private scan');
    const other = await userWithRole(app, owner, 'dispatcher');
    const before = snapshotDb(app.core);
    const stolen = await app.raw(other.token, 'interventions.addNote', { id: docId, style: 1, text: 'Mine now', attachment: { name: 'x.txt', uploadId: mine } });
    expect(stolen).toEqual({ ok: false, error: { code: 'validation', key: 'errors.upload_lost', field: 'attachment' } });
    expect(snapshotDb(app.core)).toBe(before);

    const first = await app.call(owner, 'interventions.uploadChunk', { offset: 0, data: Buffer.from('abc').toString('base64') });
    const skipped = await app.raw(owner, 'interventions.uploadChunk', { uploadId: first.uploadId, offset: 10, data: Buffer.from('def').toString('base64') });
    expect(skipped).toMatchObject({ ok: false, error: { key: 'errors.upload_lost' } });
    expect(await app.raw(owner, 'interventions.uploadChunk', { offset: 3, data: 'AAAA' })).toMatchObject({ ok: false, error: { key: 'errors.upload_lost' } });
    expect(await app.raw(owner, 'interventions.uploadChunk', { offset: 0, data: 'not base64!' })).toMatchObject({ ok: false, error: { key: 'errors.invalid_format', field: 'data' } });
  });

  it('forgets an upload left unused for an hour, with its file', async () => {
    const id = await uploaded(app, owner, 'forgotten');
    app.clock.advance(61 * 60 * 1000);
    const token = await app.login(OWNER.login, OWNER.password);
    await uploaded(app, token, 'a later one');
    expect(uploadsLeft()).not.toContain(`${id}.part`);
    expect(await app.raw(token, 'interventions.addNote', { id: docId, style: 1, text: 'Late', attachment: { name: 'x.txt', uploadId: id } })).toMatchObject({ ok: false, error: { key: 'errors.upload_lost' } });
  });
});
