import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../shared/api/errors';
import type { FileActionOutcome } from '../../shared/api/reports';
import { newReportFile, reportsDir, type NewReportFile } from '../reports/files';
import { OWNER, tempDir, type TestApp } from '../testing/harness';
import { withTestOrg } from '../testing/fixtures';
import { APP_ENTRY } from './app-protocol';
import { FILE_CHANNEL } from './channels';
import { bindFiles } from './ipc';
import { Relay } from './relay';

/**
 * The handler behind window.planora.openFile, against a stand-in of the few Electron calls it makes
 * (the Electron binary does not run here) and a real core and relay, so sessions and owners are real.
 */
const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
  openPath: vi.fn<(p: string) => Promise<string>>(),
  showSaveDialog: vi.fn<(...args: unknown[]) => Promise<{ canceled: boolean; filePath?: string }>>(),
  ownerWindow: { title: 'the Planora window' },
  documents: '',
}));
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) => electron.handlers.set(channel, fn) },
  shell: { openPath: electron.openPath },
  dialog: { showSaveDialog: electron.showSaveDialog },
  BrowserWindow: { fromWebContents: (c: { id: number }) => (c.id === OWNER_WINDOW ? electron.ownerWindow : null) },
  app: { getPath: (name: string) => (name === 'documents' ? electron.documents : '/nowhere') },
  protocol: {},
}));

const OWNER_WINDOW = 1;
const OTHER_WINDOW = 2;
const LOGGED_OUT_WINDOW = 3;
const STRANGER = 99;

let app: TestApp;
let relay: Relay;
let mine: NewReportFile;
let theirs: NewReportFile;

/** An invoke as it arrives from a window: `sender` is its web contents, `senderFrame` the frame that asked. */
function event(windowId: number, frame: { parent: unknown; url: string } = { parent: null, url: APP_ENTRY }) {
  return { sender: { id: windowId }, senderFrame: frame };
}
function openFile(ev: ReturnType<typeof event>, fileId: unknown, action: unknown): Promise<ApiResult<FileActionOutcome>> {
  return electron.handlers.get(FILE_CHANNEL)!(ev, fileId, action) as Promise<ApiResult<FileActionOutcome>>;
}
async function userOf(windowId: number) {
  const r = await relay.call(windowId, 'auth.me', {});
  return (r as { data: { id: string; orgId: string } }).data;
}
function madeFor(user: { id: string; orgId: string }, ext: 'pdf' | 'xlsx', name: string, content: string): NewReportFile {
  const f = newReportFile(app.core.config.dataDir, ext, name, { orgId: user.orgId, userId: user.id }, Date.now());
  fs.writeFileSync(f.path, content);
  return f;
}

withTestOrg('file', async (org) => {
  app = org.app;
  const ownerToken = org.owner;
  await app.call(ownerToken, 'users.create', { login: 'other.clerk', password: 'password-123', name: 'Other Clerk', role: 'admin', language: 'en', branchIds: [] });
  relay = new Relay((req) => app.core.dispatch(req));
  for (const id of [OWNER_WINDOW, OTHER_WINDOW, LOGGED_OUT_WINDOW]) relay.attach(id, () => undefined);
  expect(await relay.call(OWNER_WINDOW, 'auth.login', OWNER)).toMatchObject({ ok: true });
  expect(await relay.call(OTHER_WINDOW, 'auth.login', { login: 'other.clerk', password: 'password-123' })).toMatchObject({ ok: true });
  mine = madeFor(await userOf(OWNER_WINDOW), 'pdf', 'Intervention Nr. 7 — Bērziņš', '%PDF-1.7 mine');
  theirs = madeFor(await userOf(OTHER_WINDOW), 'xlsx', 'Interventions', 'PK theirs');
  electron.documents = tempDir('planora-documents-');
  bindFiles(relay, (contents) => contents.id !== STRANGER, app.core.config.dataDir);
});
beforeEach(() => {
  electron.openPath.mockReset().mockResolvedValue('');
  electron.showSaveDialog.mockReset();
  // The handler logs why a program or a copy failed; the tests read the answers instead.
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe('window.planora.openFile (Electron main)', () => {
  it('opens and prints the window user’s own file in the system viewer', async () => {
    expect(await openFile(event(OWNER_WINDOW), mine.fileId, 'open')).toEqual({ ok: true, data: { done: true } });
    expect(await openFile(event(OWNER_WINDOW), mine.fileId, 'print')).toEqual({ ok: true, data: { done: true } });
    const expected = path.join(reportsDir(app.core.config.dataDir), `${mine.fileId}.pdf`);
    expect(electron.openPath.mock.calls).toEqual([[expected], [expected]]);
  });

  it('says so when no program opens the file', async () => {
    electron.openPath.mockResolvedValue('Failed to open path');
    expect(await openFile(event(OWNER_WINDOW), mine.fileId, 'open')).toEqual({ ok: false, error: { code: 'internal', key: 'errors.file_open_failed' } });
  });

  it('refuses another user’s file, an unknown one, and a window with nobody logged in', async () => {
    expect(await openFile(event(OWNER_WINDOW), theirs.fileId, 'open')).toEqual({ ok: false, error: { code: 'not_found', key: 'errors.file_not_found' } });
    expect(await openFile(event(OTHER_WINDOW), mine.fileId, 'save')).toEqual({ ok: false, error: { code: 'not_found', key: 'errors.file_not_found' } });
    expect(await openFile(event(OWNER_WINDOW), 'ffffffff-ffff-4fff-8fff-ffffffffffff', 'open')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await openFile(event(LOGGED_OUT_WINDOW), mine.fileId, 'open')).toEqual({ ok: false, error: { code: 'unauthenticated', key: 'errors.session_expired' } });
    // Its own file, asked for in its own window, still opens: the refusals above were about who asks.
    expect(await openFile(event(OTHER_WINDOW), theirs.fileId, 'open')).toMatchObject({ ok: true });
    expect(electron.openPath).toHaveBeenCalledTimes(1);
    expect(electron.showSaveDialog).not.toHaveBeenCalled();
  });

  it('refuses anything but a report id and a known action before asking the core', async () => {
    const call = vi.spyOn(relay, 'call');
    try {
      for (const bad of ['../planora.db', '..', `../reports/${mine.fileId}`, `${mine.fileId}/../../planora.db`, `${mine.fileId}.pdf`, `${mine.fileId}.json`, mine.path, mine.fileId.toUpperCase(), '', 42, null, { fileId: mine.fileId }]) {
        expect(await openFile(event(OWNER_WINDOW), bad, 'open'), String(bad)).toEqual({ ok: false, error: { code: 'validation', key: 'errors.bad_request' } });
      }
      for (const action of ['delete', 'OPEN', '', undefined, ['open']]) {
        expect(await openFile(event(OWNER_WINDOW), mine.fileId, action), String(action)).toMatchObject({ ok: false, error: { code: 'validation' } });
      }
      expect(call).not.toHaveBeenCalled();
    } finally {
      call.mockRestore();
    }
    expect(electron.openPath).not.toHaveBeenCalled();
  });

  it('refuses a sender that is not the top frame of our window showing our page', async () => {
    const refusals = [event(STRANGER), event(OWNER_WINDOW, { parent: {}, url: APP_ENTRY }), event(OWNER_WINDOW, { parent: null, url: 'https://example.com/' }), { sender: { id: OWNER_WINDOW }, senderFrame: null }];
    for (const ev of refusals) await expect(openFile(ev as ReturnType<typeof event>, mine.fileId, 'open')).rejects.toThrow(/unknown sender/);
    expect(electron.openPath).not.toHaveBeenCalled();
  });

  it('saves a copy where the person chooses, under the file’s own name, and remembers the folder', async () => {
    const target = path.join(tempDir('planora-save-'), 'Kopija.pdf');
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await openFile(event(OWNER_WINDOW), mine.fileId, 'save')).toEqual({ ok: true, data: { done: true } });
    expect(fs.readFileSync(target, 'utf8')).toBe('%PDF-1.7 mine');
    const [owner, options] = electron.showSaveDialog.mock.calls[0]!;
    expect(owner).toBe(electron.ownerWindow);
    expect(options).toMatchObject({ defaultPath: path.join(electron.documents, 'Intervention Nr. 7 — Bērziņš.pdf'), filters: [{ extensions: ['pdf'] }] });

    // Cancelled: nothing written, and the renderer hears that nothing was done.
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await openFile(event(OWNER_WINDOW), mine.fileId, 'save')).toEqual({ ok: true, data: { done: false } });
    expect(electron.showSaveDialog.mock.calls[1]![1]).toMatchObject({ defaultPath: path.join(path.dirname(target), 'Intervention Nr. 7 — Bērziņš.pdf') });
    expect(fs.readdirSync(path.dirname(target))).toEqual(['Kopija.pdf']);
  });

  it('says so when the copy cannot be written', async () => {
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: path.join(tempDir(), 'no-such-folder', 'x.pdf') });
    expect(await openFile(event(OWNER_WINDOW), mine.fileId, 'save')).toEqual({ ok: false, error: { code: 'internal', key: 'errors.file_save_failed' } });
    expect(fs.readFileSync(mine.path, 'utf8')).toBe('%PDF-1.7 mine');
  });

  it('refuses once the window’s session has expired', async () => {
    app.clock.advance(app.core.config.sessionIdleMs + 60_000);
    expect(await openFile(event(OWNER_WINDOW), mine.fileId, 'open')).toEqual({ ok: false, error: { code: 'unauthenticated', key: 'errors.session_expired' } });
    expect(relay.orgOf(OWNER_WINDOW)).toBeNull();
    expect(electron.openPath).not.toHaveBeenCalled();
  });
});
