/**
 * The write funnel: the one way a synced row is written (`syncedRows`), the audit entry it records, the change record
 * a sync reads, and the check that no write went around it.
 */
export { specsOf, syncedRows, type AuditNote, type NewRow, type Patch, type Row, type RowWriter, type SyncedRows, type SyncedTable, type TableSpec, type Written } from './rows';
export { recordAudit, auditLevel, forgetAuditLevels, diffFields, DEFAULT_AUDIT_LEVEL, type AuditEntry } from './audit';
export { appendChange, changesSince, type ChangeOp, type ChangeRecord, type ChangeStamp } from './changes';
export { funnelGaps, syncedTableNames, type FunnelGap } from './coverage';
export { recordAllImported, recordImported } from './imported';
