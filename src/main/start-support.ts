/** What scripts/start.mjs (plain Node, no TypeScript) takes from the program: built as dist/main/start-support.js. */
export { dataDirOf, dataFlag } from './paths';
export { downloadElectron, prepareSqlite, preparedSqlite, type Target } from './electron-prep';
