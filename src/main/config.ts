import path from 'node:path';
import type { Clock } from './clock';
import type { DateWindowConfig } from '../shared/rules/dateWindow';

export interface CoreConfig {
  dataDir: string;
  dbFile: string;
  backupDir: string;
  attachmentsDir: string;
  /** How many automatic backups to keep. */
  backupKeep: number;
  /** A session ends after this long without a call. */
  sessionIdleMs: number;
  /** Check every answer against the contract (tests); production trusts its own handlers. */
  validateOutput: boolean;
  /** Start the clock-driven jobs (backups, checkpoints, session cleanup). */
  jobs: boolean;
  clock?: Clock;
  /** Key for secrets at rest (SMTP, SIP, SMS passwords): from the OS key store in Electron, a 0600 key file in web mode. */
  secretKey?: Buffer;
  log: (msg: string, err?: unknown) => void;
  /** Dates a document may carry; default 2000-01-01 … today + 10 years (DOCUMENT_DATE_WINDOW). */
  documentDates?: DateWindowConfig;
  /** Cells per page a sync pulls (default 2,000); tests make it small to reach later pages. */
  syncPullLimit?: number;
}

export function defaultConfig(dataDir: string, over: Partial<CoreConfig> = {}): CoreConfig {
  return {
    dataDir,
    dbFile: path.join(dataDir, 'planora.db'),
    backupDir: path.join(dataDir, 'backups'),
    attachmentsDir: path.join(dataDir, 'attachments'),
    backupKeep: 14,
    sessionIdleMs: 12 * 60 * 60 * 1000,
    validateOutput: false,
    jobs: true,
    log: (msg, err) => console.error(`[planora] ${msg}`, err ?? ''),
    ...over,
  };
}
