import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BrowserWindow, app, dialog, ipcMain, shell, type IpcMainInvokeEvent, type SaveDialogOptions, type WebContents } from 'electron';
import type { ApiError, ApiResult } from '../../shared/api/errors';
import type { FileAction, FileActionOutcome } from '../../shared/api/reports';
import { attachmentShaOf } from '../../shared/files';
import { isReportFileId, ownReportFile } from '../reports/files';
import { isAppPage } from './app-protocol';
import { mayOpen, tempName } from './open-policy';
import { CALL_CHANNEL, EVENT_CHANNEL, FILE_CHANNEL } from './channels';
import type { Relay } from './relay';

const MAX_NAME = 100;

/**
 * The one IPC entry point. A call counts only from the top frame of one of our windows showing our page;
 * anything else (a frame that navigated away, a stray web contents) is refused before it reaches the core.
 */
export function bindCalls(relay: Relay, isOurs: (contents: WebContents) => boolean): void {
  ipcMain.handle(CALL_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, input: unknown): Promise<ApiResult<unknown>> => {
    if (!trusted(event, isOurs)) throw new Error('planora: call refused from an unknown sender');
    if (typeof name !== 'string' || name.length > MAX_NAME) return { ok: false, error: { code: 'not_found', key: 'errors.unknown_procedure' } };
    return relay.call(event.sender.id, name, input);
  });
}

const refused = (code: ApiError['code'], key: string): ApiResult<never> => ({ ok: false, error: { code, key } });

/** What the bridge opens or saves: a file on disk and the name the person knows it by. */
interface OpenableFile {
  path: string;
  name: string;
}

/**
 * window.planora.openFile(fileId, action): a generated report or export, or a timeline attachment ('attachment:<sha256>'),
 * for the user logged in in the asking window only. Attachments get the check web mode's /api/attachments uses
 * (`readableAttachment`: organization, branch, read right), run in the core with the window's own session.
 * The id must be the reports module's own format (so no separator, '..' or other name reaches the disk), and the owner
 * check is the one web mode's /api/files uses (`ownReportFile`), against the window's session as the core sees it now.
 *
 * 'print' opens the file in the system's viewer, like 'open', for the person to print from there (with its page range and
 * printer choice). Chromium cannot print CSV or XLSX at all; for a PDF a hidden window needs the PDF viewer plugin, which
 * guards.ts keeps out (no frame may leave app://), and print() must wait for the plugin to render with no event that says
 * so (blank pages were electron/electron#30947 for years).
 */
export function bindFiles(relay: Relay, isOurs: (contents: WebContents) => boolean, dataDir: string): void {
  ipcMain.handle(FILE_CHANNEL, async (event: IpcMainInvokeEvent, fileId: unknown, action: unknown): Promise<ApiResult<FileActionOutcome>> => {
    if (!trusted(event, isOurs)) throw new Error('planora: file request refused from an unknown sender');
    const sha = attachmentShaOf(fileId);
    if ((!sha && !isReportFileId(fileId)) || !isFileAction(action)) return refused('validation', 'errors.bad_request');
    const user = await relay.sessionUser(event.sender.id);
    if (!user) return refused('unauthenticated', 'errors.session_expired');
    if (sha) {
      const file = await relay.attachment(event.sender.id, sha);
      if (!file) return refused('not_found', 'errors.attachment_not_found');
      if (action === 'save') return saveCopy(event.sender, file);
      if (!mayOpen(file.name)) return refused('forbidden', 'errors.file_open_blocked');
      return showInViewer(await namedCopy(file));
    }
    const file = ownReportFile(dataDir, fileId as string, user);
    if (!file) return refused('not_found', 'errors.file_not_found');
    return action === 'save' ? saveCopy(event.sender, file) : showInViewer(file);
  });
}

/** Every action once (the compiler holds this to FileAction), without loading the zod contract into main. */
const FILE_ACTIONS = { open: true, print: true, save: true } satisfies Record<FileAction, true>;

function isFileAction(value: unknown): value is FileAction {
  return typeof value === 'string' && Object.hasOwn(FILE_ACTIONS, value);
}

/**
 * Attachments are stored under their hash, without an extension, and the system picks a program by the name:
 * the viewer gets a copy under the person's file name in a folder of its own (removed when the app quits).
 */
const openedCopies = new Set<string>();

async function namedCopy(file: OpenableFile): Promise<OpenableFile> {
  // mkdtemp: a new folder only this user can enter, never one someone else prepared in a shared temp folder.
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'planora-open-'));
  openedCopies.add(dir);
  const target = path.join(dir, tempName(file.name));
  await fs.copyFile(file.path, target);
  return { path: target, name: file.name };
}

/** Copies handed to viewers; the viewer may still hold one open, so this is best effort. */
export async function removeOpenedCopies(): Promise<void> {
  for (const dir of openedCopies) {
    try {
      await fs.rm(dir, { recursive: true, force: true });
      openedCopies.delete(dir);
    } catch (e) {
      console.warn('[planora] a temporary copy was not removed', e);
    }
  }
}

async function showInViewer(file: OpenableFile): Promise<ApiResult<FileActionOutcome>> {
  // Resolves to an error message, or '' when the system's program for this kind of file was started.
  const failure = await shell.openPath(file.path);
  if (!failure) return { ok: true, data: { done: true } };
  console.warn(`[planora] no program opened ${path.basename(file.path)}: ${failure}`);
  return refused('internal', 'errors.file_open_failed');
}

/** The folder the person last saved a file to, offered again until the app quits. */
let lastSaveDir: string | null = null;

async function saveCopy(sender: WebContents, file: OpenableFile): Promise<ApiResult<FileActionOutcome>> {
  // Attachments are stored under their hash, without an extension: the name the person gave it has the kind.
  const ext = path.extname(file.name).slice(1);
  const options: SaveDialogOptions = {
    defaultPath: path.join(lastSaveDir ?? app.getPath('documents'), path.basename(file.name)),
    filters: ext ? [{ name: ext.toUpperCase(), extensions: [ext] }] : [],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const owner = BrowserWindow.fromWebContents(sender);
  const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { ok: true, data: { done: false } };
  const target = path.resolve(choice.filePath);
  try {
    await fs.copyFile(file.path, target);
  } catch (e) {
    console.warn('[planora] saving a copy failed', e);
    return refused('internal', 'errors.file_save_failed');
  }
  lastSaveDir = path.dirname(target);
  return { ok: true, data: { done: true } };
}

function trusted(event: IpcMainInvokeEvent, isOurs: (contents: WebContents) => boolean): boolean {
  const frame = event.senderFrame;
  return isOurs(event.sender) && frame !== null && frame.parent === null && isAppPage(frame.url);
}

/** Gives a window its place in the relay: its own session, and the events of its user's organization. */
export function attachWindow(relay: Relay, contents: WebContents): void {
  const id = contents.id;
  const detach = relay.attach(id, (e) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, e);
  });
  contents.once('destroyed', detach);
}
