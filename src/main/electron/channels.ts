/** IPC channel names, shared by main (ipc.ts) and the preload so the two cannot drift apart. */
export const CALL_CHANNEL = 'planora:call';
export const EVENT_CHANNEL = 'planora:event';
/** window.planora.openFile: open, print or save a generated report or export (DATA/reports) of the window's user. */
export const FILE_CHANNEL = 'planora:file';
