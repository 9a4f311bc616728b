/**
 * What each id in the contract names. Every input field that is a UUID, or is named `id`, `…Id` or `…Ids`, must be
 * declared here (by its name, its path, or its procedure): the contract-wide branch-isolation test
 * (src/main/api/branchIsolation.test.ts) fails on any id it cannot place, so a new module's procedures are checked
 * for branch isolation as soon as they exist.
 */
export const RECORD_KINDS = [
  'branch',
  'intervention',
  'approval',
  'series',
  /** A person put on the branch-scoped rows a call writes: they must see those rows' branch. */
  'assignee',
  /** A person named without being put on branch-scoped work (a filter, a client's account manager). */
  'user',
  'client',
  'contact',
  'nomenclature',
  'product',
  'view',
  'outbox',
  /** An annex form template: the organization's, like its reference lists. */
  'annexTemplate',
  /** A file its caller is sending in pieces: it belongs to that user alone until a note takes it. */
  'upload',
  /** An identifier that names no stored record (a job's progress channel). */
  'none',
  /** A branch's service (calendar). */
  'service',
  /** A dated exception to someone's working week in a branch. */
  'exception',
  /** A visit or break in a branch's calendar. */
  'visit',
  /** An organization's recording of a phrase of the reminder message. */
  'recording',
  /** A sync conflict of this installation: listed only to those who see its branch and read its module (its own query). */
  'syncConflict',
  /** A task of a branch (issue 12). */
  'task',
  /** A kind of task: the organization's list. */
  'taskType',
  /** A mailbox whose messages become a branch's tasks. */
  'mailbox',
  /** An item of a task's checklist: its task's branch. */
  'checkItem',
  /** An item of a task type's checklist template: the organization's, like the type. */
  'checkTemplateItem',
  /** A client's invoice of a month, made in a branch (issue 12). */
  'invoice',
  /** A line of an invoice. */
  'invoiceLine',
  /** A material used on a task. */
  'material',
  /** A session of time on a task: its branch's, like the task. */
  'timeEntry',
  /** A line of an intervention's timeline: its document's branch. */
  'timelineNote',
  /** A client portal link this installation asked the hub for: the organization's, like the client. */
  'portalLink',
  /** A website chat conversation in this desktop's archive: the organization's (the hub routes it), no branch's. */
  'chatConversation',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Records that belong to one branch: a user of another branch can neither read nor change them. */
export const BRANCH_SCOPED_KINDS: readonly RecordKind[] = ['branch', 'intervention', 'approval', 'series', 'assignee', 'service', 'exception', 'visit', 'task', 'mailbox', 'checkItem', 'invoice', 'invoiceLine', 'material', 'timeEntry', 'timelineNote'];

/** By the field's name, wherever it appears. */
const BY_NAME: Record<string, RecordKind> = {
  branchId: 'branch',
  branchIds: 'branch',
  takenById: 'assignee',
  responsibleId: 'assignee',
  personIds: 'assignee',
  personId: 'user',
  userId: 'user',
  managerId: 'user',
  clientId: 'client',
  contactId: 'contact',
  typeId: 'nomenclature',
  vehicleId: 'nomenclature',
  classificationId: 'nomenclature',
  classification2Id: 'nomenclature',
  classification3Id: 'nomenclature',
  zoneId: 'nomenclature',
  contractId: 'nomenclature',
  estimateId: 'nomenclature',
  objectProductId: 'product',
  seriesId: 'series',
  approvalId: 'approval',
  ids: 'intervention',
  excludeId: 'intervention',
  entityId: 'intervention',
  jobId: 'none',
  uploadId: 'upload',
  interventionId: 'intervention',
  templateId: 'annexTemplate',
  serviceId: 'service',
  sourceId: 'nomenclature',
};

/** By path inside the input (a filter names a person without assigning them). */
const BY_PATH: Record<string, RecordKind> = {
  'scope.filters.takenById': 'user',
  'scope.filters.responsibleId': 'user',
};

/** The tasks grid's filters only name a person, a type, a client. */
const TASK_GRID_FILTER_REFS: Record<string, RecordKind> = { 'scope.filters.assigneeId': 'user', 'scope.filters.typeId': 'taskType', 'scope.filters.clientId': 'client' };

/** By procedure (a name, or `namespace.*`) and path: where the same name means something else. */
const BY_PROCEDURE: Record<string, Record<string, RecordKind>> = {
  'clients.*': { responsibleId: 'user', excludeId: 'client', 'contacts[].id': 'contact' },
  'nomenclature.list': { include: 'nomenclature' },
  'products.list': { include: 'product' },
  // Hours are given to a person in a branch; reading them only names the person.
  'schedule.setWeek': { userId: 'assignee' },
  'schedule.createException': { userId: 'assignee' },
  'schedule.updateException': { userId: 'assignee' },
  'schedule.working': { userIds: 'user' },
  'services.*': { performerIds: 'assignee' },
  // The employee a visit is booked for is put on the branch's row; a slot's employee and the calendar's filter only name one.
  'visits.*': { userId: 'assignee', userIds: 'user', 'lines[].productId': 'product' },
  'visits.asapOffers': { userId: 'user' },
  // The receipt is the visit's document, though it is one of the reports.
  'reports.visitReceipt': { id: 'visit' },
  'reminders.*': { visitId: 'visit' },
  // The assignee and the employee the client asked for are put on the task; the list's filter only names one.
  'tasks.*': { typeId: 'taskType', taskId: 'task', assigneeId: 'assignee', requestedAssigneeId: 'assignee' },
  'tasks.list': { assigneeId: 'user' },
  'tasks.saveType': { id: 'taskType' },
  'tasks.saveMailbox': { id: 'mailbox' },
  'tasks.deleteMailbox': { id: 'mailbox' },
  'tasks.checklist.tick': { itemId: 'checkItem' },
  'tasks.types.save': { id: 'taskType', 'items[].id': 'checkTemplateItem' },
  'tasks.mailboxes.test': { id: 'mailbox' },
  'invoices.*': { taskId: 'task', lineId: 'invoiceLine', 'line.lineId': 'invoiceLine', productId: 'product' },
  'invoices.saveMaterial': { id: 'material' },
  // The seller's VAT number is a code, not a record.
  'invoices.saveSettings': { sellerVatId: 'none' },
  'invoices.removeMaterial': { id: 'material' },
  ...Object.fromEntries(['list', 'count', 'groups', 'export', 'print'].map((p) => [`tasks.grid.${p}`, TASK_GRID_FILTER_REFS])),
  'chat.*': { conversationId: 'chatConversation' },
  'tasks.views.save': { id: 'view' },
  'tasks.views.delete': { id: 'view' },
  // The employee whose time is kept is put on the session, a row of the task's branch.
  'tasks.time.add': { taskId: 'task', employeeId: 'assignee' },
  'tasks.time.stop': { entryId: 'timeEntry' },
  'tasks.time.edit': { id: 'timeEntry' },
  'tasks.time.remove': { id: 'timeEntry' },
  'interventions.setNotePublic': { noteId: 'timelineNote' },
  'portal.revoke': { id: 'portalLink' },
};

/** What a bare `id` names, by the procedure's namespace. */
const ID_BY_NAMESPACE: Record<string, RecordKind> = {
  branches: 'branch',
  users: 'user',
  clients: 'client',
  series: 'series',
  interventions: 'intervention',
  reports: 'intervention',
  views: 'view',
  nomenclature: 'nomenclature',
  products: 'product',
  mail: 'outbox',
  annexForms: 'annexTemplate',
  schedule: 'exception',
  services: 'service',
  visits: 'visit',
  reminders: 'recording',
  sync: 'syncConflict',
  tasks: 'task',
  invoices: 'invoice',
};

/** The kind of record an input field names (`path` as `a.b`, `list[]`, `list[].id`), or undefined when nobody declared it. */
export function refKind(procedure: string, path: string): RecordKind | undefined {
  const namespace = procedure.split('.')[0]!;
  const bare = path.replace(/\[\]$/, '');
  const name = bare.split('.').pop()!.replace(/\[\]$/, '');
  return (
    BY_PROCEDURE[procedure]?.[bare] ??
    BY_PROCEDURE[`${namespace}.*`]?.[bare] ??
    BY_PATH[bare] ??
    (bare === 'id' ? ID_BY_NAMESPACE[namespace] : undefined) ??
    BY_NAME[name]
  );
}
