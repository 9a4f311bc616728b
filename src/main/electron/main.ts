import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Menu, app, dialog, type Tray, type WebContents } from 'electron';
import { dataDirOf, dataFlag, ensureDataDir } from '../paths';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { CoreHostClient } from './core-client';
import { guardAllContents, lockDownSession } from './guards';
import { attachWindow, bindCalls, bindFiles, removeOpenedCopies } from './ipc';
import { noticeFor, showNotice } from './notify';
import { Relay } from './relay';
import { loadDesktopKey } from './secret-key';
import { createTray } from './tray';
import { bringForward, createMainWindow } from './window';

/**
 * The Electron shell: one window, the core in a utility process, IPC relayed between them.
 * Built to dist/main/electron/main.js, beside preload.cjs and core-host.js; the renderer is dist/renderer.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const PRELOAD = path.join(here, 'preload.cjs');
const CORE_HOST = path.join(here, 'core-host.js');
const RENDERER = path.join(here, '..', '..', 'renderer');

// The data folder by the rule every host uses (--data, PLANORA_DATA, %APPDATA%\Planora), so the desktop app and
// its web-mode fallback open the same database. Set before the single-instance lock, which lives in this folder.
app.setPath('userData', ensureDataDir(dataDirOf(dataFlag(process.argv))));
/** Set by `npm start`, which opens web mode itself when the desktop app cannot start: no dialog to wait on then. */
const WEB_FALLBACK = process.env.PLANORA_WEB_FALLBACK === '1';
/** The exit code that tells `npm start` the desktop app could not start (as opposed to a clerk quitting). */
const CANNOT_START = 3;
// The same id as electron-builder's appId: Windows ties notifications to the Start-menu shortcut by it.
app.setAppUserModelId('lv.planora.desktop');
registerAppScheme();

let win: BrowserWindow | null = null;
let tray: Tray | null = null;
let core: CoreHostClient | null = null;
let relay: Relay | null = null;
let quitting = false;
let shutdownStarted = false;
let coreClosed = false;
let toldAboutTray = false;

function fatal(message: string): void {
  console.error(`[planora] ${message}`);
  // The box blocks until dismissed; under `npm start` web mode takes over at once instead.
  if (!WEB_FALLBACK) dialog.showErrorBox('Planora cannot continue', message);
  coreClosed = true;
  const code = WEB_FALLBACK ? CANNOT_START : 1;
  if (core) void core.close(5_000).finally(() => app.exit(code));
  else app.exit(code);
}

function showWindow(): void {
  if (!relay) return;
  if (win && !win.isDestroyed()) return bringForward(win);
  const w = createMainWindow(PRELOAD);
  attachWindow(relay, w.webContents);
  // Closing the window leaves Planora in the tray, so reminder calls and jobs go on; Quit is in the tray menu.
  w.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    w.hide();
    if (!toldAboutTray) {
      toldAboutTray = true;
      showNotice({ title: 'Planora is still running', body: 'Reminders and scheduled jobs go on. Quit from the tray icon.' }, showWindow);
    }
  });
  // Windows logoff or shutdown skips before-quit: close the database while the OS still waits for us. Asked first
  // (query-session-end), the close starts at once: the OS gives a few seconds at most once the session ends.
  w.on('query-session-end', () => endOfSession());
  w.on('session-end', () => endOfSession());
  w.on('closed', () => {
    if (win === w) win = null;
  });
  win = w;
}

function endOfSession(): void {
  quitting = true;
  if (shutdownStarted) return;
  shutdownStarted = true;
  void shutdown(4_000);
}

async function start(): Promise<void> {
  lockDownSession();
  serveRenderer(RENDERER);
  if (app.isPackaged) Menu.setApplicationMenu(null); // no reload or devtools entries for clerks

  const dataDir = app.getPath('userData');
  const secretKey = await loadDesktopKey(path.join(dataDir, 'secret.key'), (m) => console.warn(`[planora] ${m}`));
  core = new CoreHostClient(CORE_HOST, { type: 'init', dataDir, secretKey: secretKey.toString('base64'), demo: process.argv.includes('--demo') }, fatal);
  const ready = core.start();

  const r = new Relay(
    (req) => core!.call(req),
    (req) => core!.attachment(req),
  );
  relay = r;
  core.onEvent((e) => {
    r.publish(e);
    // Only to a window whose user may hear it (their organization, the module's read right, one of their branches).
    const notice = win ? noticeFor(e, r.languageOf(win.webContents.id)) : null;
    if (notice && win && !win.isFocused() && r.mayHear(win.webContents.id, e)) showNotice(notice, showWindow);
  });
  const isOurs = (contents: WebContents) => win !== null && !win.isDestroyed() && contents.id === win.webContents.id;
  bindCalls(r, isOurs);
  bindFiles(r, isOurs, dataDir);
  tray = createTray({ open: showWindow, quit: () => app.quit() });
  // The window opens at once; its first calls wait for the core to finish opening (and migrating) the database.
  showWindow();
  await ready;
}

async function shutdown(timeoutMs?: number): Promise<void> {
  try {
    await core?.close(timeoutMs);
  } catch (e) {
    console.error('[planora] closing the core failed', e);
  } finally {
    coreClosed = true;
    await removeOpenedCopies();
    tray?.destroy();
    app.quit();
  }
}

if (!app.requestSingleInstanceLock()) {
  // Another Planora runs on this data folder: it has been told to come forward (second-instance).
  app.quit();
} else {
  guardAllContents();
  app.on('second-instance', () => showWindow());
  app.on('activate', () => showWindow());
  // Stay alive in the tray when the window is gone.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (event) => {
    quitting = true;
    if (coreClosed) return;
    // Hold the quit until the core has closed the database cleanly (WAL checkpoint, no .running mark).
    event.preventDefault();
    win?.hide(); // the clerk asked to quit: do not make them watch the database close
    if (!shutdownStarted) {
      shutdownStarted = true;
      void shutdown();
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  app.whenReady().then(start).catch((e: unknown) => fatal(e instanceof Error ? e.message : String(e)));
}
