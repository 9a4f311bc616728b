import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Generated reports and exports live in DATA/reports as `<fileId>.<ext>`, with `<fileId>.json` saying whose file it is and its name. */
export const REPORTS_DIR = 'reports';
/** Files older than this are removed when the next one is made. */
export const KEEP_MS = 7 * 24 * 60 * 60 * 1000;

const MIME = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
} as const;
export type ReportExt = keyof typeof MIME;

/** Where a file's content lies: `<fileId>.json` is already its description, so JSON content is `<fileId>.data.json`. */
function contentName(fileId: string, ext: ReportExt): string {
  return ext === 'json' ? `${fileId}.data.json` : `${fileId}.${ext}`;
}

const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** True for the id format `newReportFile` hands out (a lower-case UUIDv4): no separator, dot or '..' can pass. */
export function isReportFileId(value: unknown): value is string {
  return typeof value === 'string' && FILE_ID.test(value);
}

export interface ReportMeta {
  name: string;
  ext: ReportExt;
  orgId: string;
  userId: string;
  createdAt: string;
}

export interface NewReportFile {
  fileId: string;
  /** Where to write the content. */
  path: string;
  fileName: string;
}

export function reportsDir(dataDir: string): string {
  return path.join(dataDir, REPORTS_DIR);
}

/** A name a file system and a download dialog accept: no separators or reserved characters, letters of any script kept. */
export function safeFileName(base: string, ext: ReportExt): string {
  const clean = base
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
  return `${clean || 'report'}.${ext}`;
}

/** Reserves a new file (random id, unguessable) and records whose it is; the caller writes the content to `path`. */
export function newReportFile(dataDir: string, ext: ReportExt, baseName: string, owner: { orgId: string; userId: string }, nowMs: number): NewReportFile {
  const dir = reportsDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  // File times are the machine's, not the (testable) business clock.
  pruneReportFiles(dataDir, Date.now());
  const fileId = crypto.randomUUID();
  const fileName = safeFileName(baseName, ext);
  const meta: ReportMeta = { name: fileName, ext, orgId: owner.orgId, userId: owner.userId, createdAt: new Date(nowMs).toISOString() };
  fs.writeFileSync(path.join(dir, `${fileId}.json`), JSON.stringify(meta));
  return { fileId, path: path.join(dir, contentName(fileId, ext)), fileName };
}

/** Reserves a file and fills it with `write` (given its path); a failed write leaves nothing behind to be served. */
export async function writeReportFile<T>(
  dataDir: string,
  ext: ReportExt,
  baseName: string,
  owner: { orgId: string; userId: string },
  nowMs: number,
  write: (path: string) => Promise<T> | T,
): Promise<{ fileId: string; fileName: string; written: T }> {
  const file = newReportFile(dataDir, ext, baseName, owner, nowMs);
  try {
    return { fileId: file.fileId, fileName: file.fileName, written: await write(file.path) };
  } catch (e) {
    discardReportFile(dataDir, file.fileId);
    throw e;
  }
}

/** Removes a file whose making failed, so a half-written file is never served. */
export function discardReportFile(dataDir: string, fileId: string): void {
  const dir = reportsDir(dataDir);
  for (const f of [`${fileId}.json`, ...(Object.keys(MIME) as ReportExt[]).map((e) => contentName(fileId, e))]) fs.rmSync(path.join(dir, f), { force: true });
}

export interface ResolvedReportFile {
  path: string;
  mime: string;
  /** The name to offer in the download (Content-Disposition, RFC 6266 `filename*` for non-ASCII). */
  name: string;
  size: number;
  /** Serve it only to a session of this organization (and, if you want it private, this user). */
  orgId: string;
  userId: string;
}

/**
 * For the web-mode download route and the Electron shell: the file of a report id, or null when the id is malformed,
 * unknown, or its content is missing. Never follows a path out of DATA/reports.
 */
export function resolveReportFile(dataDir: string, fileId: string): ResolvedReportFile | null {
  if (!isReportFileId(fileId)) return null;
  const dir = reportsDir(dataDir);
  let meta: ReportMeta;
  try {
    meta = JSON.parse(fs.readFileSync(path.join(dir, `${fileId}.json`), 'utf8')) as ReportMeta;
  } catch {
    return null;
  }
  if (!meta || !(meta.ext in MIME)) return null;
  const file = path.join(dir, contentName(fileId, meta.ext));
  if (path.dirname(file) !== dir) return null;
  let size: number;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return null;
    size = st.size;
  } catch {
    return null;
  }
  return { path: file, mime: MIME[meta.ext], name: meta.name, size, orgId: meta.orgId, userId: meta.userId };
}

/**
 * The one owner check of generated files, for both ways to them (web mode's /api/files, the desktop app's
 * window.planora.openFile): the file of `fileId` when `user` made it in their organization, else null.
 */
export function ownReportFile(dataDir: string, fileId: string, user: { id: string; orgId: string }): ResolvedReportFile | null {
  const file = resolveReportFile(dataDir, fileId);
  return file && file.orgId === user.orgId && file.userId === user.id ? file : null;
}

/** Deletes reports older than `keepMs`; cheap enough to run whenever a new one is made. */
export function pruneReportFiles(dataDir: string, nowMs: number, keepMs = KEEP_MS): number {
  const dir = reportsDir(dataDir);
  let removed = 0;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const id = name.split('.')[0] ?? '';
    if (!FILE_ID.test(id)) continue;
    const file = path.join(dir, name);
    try {
      if (nowMs - fs.statSync(file).mtimeMs > keepMs) {
        fs.rmSync(file, { force: true });
        removed++;
      }
    } catch {
      // Already gone.
    }
  }
  return removed;
}
