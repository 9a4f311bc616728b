import type { ApiResult } from './errors';
import type { FileAction, FileActionOutcome } from './reports';

/** A push event as it crosses the bridge: its name and payload, never the IPC event that carried it. */
export interface PushedEvent {
  name: string;
  payload: unknown;
}

/**
 * What the Electron preload exposes as window.planora, and nothing else. Written once here: the preload implements
 * it and the renderer calls it (web mode uses HTTP and WebSocket instead). The session token never crosses it.
 */
export interface PlanoraBridge {
  call(name: string, input: unknown): Promise<ApiResult<unknown>>;
  /** A generated report or export of this user: shown in the system's viewer, printed from it, or saved where the person says. */
  openFile(fileId: string, action: FileAction): Promise<ApiResult<FileActionOutcome>>;
  onEvent(listener: (e: PushedEvent) => void): () => void;
}
