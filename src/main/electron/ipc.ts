import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { ApiResult } from '../../shared/api/errors';
import { isAppPage } from './app-protocol';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels';
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
