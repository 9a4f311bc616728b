/**
 * The ids window.planora.openFile takes: a generated report's own id (reports/files.ts), or a timeline attachment
 * named by its SHA-256 with this prefix, so both kinds of file reach the desktop app through one bridge.
 */
const ATTACHMENT_PREFIX = 'attachment:';

export function attachmentFileId(sha256: string): string {
  return `${ATTACHMENT_PREFIX}${sha256}`;
}

/** The SHA-256 an attachment id names; null for anything else (a report id, a path, a bad hash). */
export function attachmentShaOf(fileId: unknown): string | null {
  if (typeof fileId !== 'string' || !fileId.startsWith(ATTACHMENT_PREFIX)) return null;
  const sha = fileId.slice(ATTACHMENT_PREFIX.length);
  return /^[0-9a-f]{64}$/.test(sha) ? sha : null;
}
