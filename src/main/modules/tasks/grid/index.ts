/** The tasks grid on the shared grid machinery: its SQL description (`source.ts`) and its procedures. */
export { taskGridHandlers } from './handlers';
export { taskGrid, taskGridOf, taskGridOrder, type TaskGrid } from './source';
