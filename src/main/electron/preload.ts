import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { PlanoraBridge, PushedEvent } from '../../shared/api/bridge';
import type { ApiResult } from '../../shared/api/errors';
import type { FileAction, FileActionOutcome } from '../../shared/api/reports';
import { CALL_CHANNEL, EVENT_CHANNEL, FILE_CHANNEL } from './channels';

/**
 * window.planora (PlanoraBridge, src/shared/api/bridge.ts), checked at run time too since a page script may pass
 * anything. Runs sandboxed, built as CommonJS. The session token never comes here: main keeps it per window.
 */
const bridge: PlanoraBridge = {
  call(name: string, input: unknown): Promise<ApiResult<unknown>> {
    if (typeof name !== 'string') return Promise.reject(new TypeError('planora.call: the procedure name must be a string'));
    return ipcRenderer.invoke(CALL_CHANNEL, name, input) as Promise<ApiResult<unknown>>;
  },
  /** Main checks the id and that the window's user made the file; nothing but the id and the action crosses over. */
  openFile(fileId: string, action: FileAction): Promise<ApiResult<FileActionOutcome>> {
    if (typeof fileId !== 'string' || typeof action !== 'string') return Promise.reject(new TypeError('planora.openFile: the file id and the action must be strings'));
    return ipcRenderer.invoke(FILE_CHANNEL, fileId, action) as Promise<ApiResult<FileActionOutcome>>;
  },
  onEvent(listener: (e: PushedEvent) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('planora.onEvent: the listener must be a function');
    // Only name and payload cross over: the IPC event object (with its sender) stays on this side.
    const handler = (_event: IpcRendererEvent, e: PushedEvent) => listener({ name: e.name, payload: e.payload });
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('planora', bridge);
