import { defineModule } from '../../api/module';
import { auditHandlers } from './handlers';

/** The audit trail: every module's writes record their entry here (`recordAudit`, in the caller's transaction). */
export const auditModule = defineModule({ name: 'audit', handlers: auditHandlers });
export { diffFields, recordAudit, type AuditEntry } from './service';
