import type { CallOutcome } from '../api/dispatcher';
import type { ReadableAttachment } from '../modules/interventions/attachmentAccess';

/**
 * Messages between the Electron main process and the core host (a utilityProcess).
 * Types only: both sides import this file, and the core host must not load 'electron'.
 */

export interface HostInit {
  type: 'init';
  dataDir: string;
  /** The secrets key, base64 (structured clone would turn a Buffer into a plain Uint8Array anyway). */
  secretKey: string;
  /** Load the demo organization into an empty data folder (`npm start -- --demo`). */
  demo: boolean;
}

export interface HostCall {
  type: 'call';
  id: number;
  name: string;
  input: unknown;
  sessionToken: string | null;
}

/** A timeline file for the window whose session this is: checked in the core exactly as web mode checks it. */
export interface HostAttachment {
  type: 'attachment';
  id: number;
  sha: string;
  sessionToken: string | null;
}

export interface HostClose {
  type: 'close';
}

export type ToHost = HostInit | HostCall | HostAttachment | HostClose;

export interface HostEvent {
  name: string;
  payload: unknown;
  orgId: string;
  /** Who may hear it besides its organization (api/events.ts `mayReceive`). */
  branchIds?: readonly string[];
  userId?: string;
}

export type FromHost =
  | { type: 'ready' }
  /** The core could not start (damaged database, database newer than the program...): said to the user, then quit. */
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; outcome: CallOutcome }
  | { type: 'event'; event: HostEvent }
  | { type: 'attachment'; id: number; file: ReadableAttachment | null }
  | { type: 'closed' };
