import type { Generated } from 'kysely';
import type { ChatSettingsDB } from './schemaChat';
import type { TaskChatDB } from './schemaTaskChat';
import type { ChatArchiveDB } from './schemaChatArchive';
/** Table types for Kysely. Column names are snake_case as stored; services map to the contract's camelCase. */
interface Synced {
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
}

export interface OrgTable extends Synced {
  id: string;
  name: string;
  phone: string | null;
  country: string;
  time_zone: string;
  languages: string;
}
export interface BranchTable extends Synced {
  id: string;
  org_id: string;
  name: string;
  address: string | null;
  phone: string | null;
  time_zone: string;
  manager_id: string | null;
}
export interface UserTable extends Synced {
  id: string;
  org_id: string;
  login: string;
  password_hash: string;
  name: string;
  email: string | null;
  role: string;
  language: string;
  active: number;
  hourly_rate_minor: number | null;
  /** How this person hears of a task of each priority (migration 0019): email | sms | both | none. */
  notice_urgent: Generated<string>;
  notice_medium: Generated<string>;
  notice_not_urgent: Generated<string>;
  notice_phone: string | null;
}
export interface UserBranchTable extends Synced {
  id: string;
  org_id: string;
  user_id: string;
  branch_id: string;
}
export interface SessionTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}
export interface AuditTable {
  id: string;
  org_id: string;
  branch_id: string | null;
  at: string;
  user_id: string | null;
  module: string;
  entity: string;
  entity_id: string | null;
  action: string;
  summary: string | null;
  diff: string | null;
}
export interface ModuleSettingTable extends Synced {
  id: string;
  org_id: string;
  module: string;
  key: string;
  value: string;
}
export interface WorkPeriodTable extends Synced {
  id: string;
  org_id: string;
  month: string;
  locked: number;
  locked_at: string | null;
  locked_by: string | null;
}
export interface DocSeriesTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  doc_type: string;
  prefix: string;
  padding: number;
  next_number: number;
  active: number;
}
export interface LoginAttemptTable {
  login: string;
  failures: number;
  locked_until: string | null;
}
export interface ClientTable extends Synced {
  id: string;
  org_id: string;
  kind: string;
  name: string;
  name_key: string;
  fiscal_code: string | null;
  preferred_language: string | null;
  notes: string | null;
  responsible_id: string | null;
  primary_phone: string | null;
  primary_email: string | null;
  primary_locality: string | null;
}
interface ClientChild extends Synced {
  id: string;
  org_id: string;
  client_id: string;
  position: number;
}
export interface ClientPhoneTable extends ClientChild {
  number: string;
  label: string | null;
  digits_rev: string;
  /** When a reminder call found the number does not exist (404/604): not dialled again (migrations/0013_reminders.ts). */
  not_found_at: string | null;
}
export interface ClientEmailTable extends ClientChild {
  address: string;
  address_key: string;
  label: string | null;
}
export interface ClientAddressTable extends ClientChild {
  label: string | null;
  street: string;
  locality: string;
  county: string | null;
  postal_code: string | null;
  country: string;
}
export interface ClientContactTable extends ClientChild {
  name: string;
  job_position: string | null;
  phone: string | null;
  email: string | null;
}

export interface DB extends InterventionsDB, MailDB, ChangeDB, FavoritesDB, CalendarDB, RemindersDB, SyncDB, TasksDB, ChecklistDB, InvoicesDB, WebIntakeDB, TaskNoticesDB, FieldOutcomeDB, ProvisionalDB, ChatSettingsDB, TaskChatDB, ChatArchiveDB {
  org: OrgTable;
  branch: BranchTable;
  app_user: UserTable;
  user_branch: UserBranchTable;
  session: SessionTable;
  audit_log: AuditTable;
  module_setting: ModuleSettingTable;
  work_period: WorkPeriodTable;
  doc_series: DocSeriesTable;
  login_attempt: LoginAttemptTable;
  client: ClientTable;
  client_phone: ClientPhoneTable;
  client_email: ClientEmailTable;
  client_address: ClientAddressTable;
  client_contact: ClientContactTable;
}

export interface NomenclatureTable extends Synced {
  id: string;
  org_id: string;
  kind: string;
  code: string | null;
  name: string;
  name_key: string;
  client_id: string | null;
  active: number;
}
export interface ProductTable extends Synced {
  id: string;
  org_id: string;
  code: string | null;
  name: string;
  name_key: string;
  is_system: number;
  active: number;
}
export interface InterventionTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  series_id: string | null;
  number: string | null;
  /** The number it was validated under while not yet confirmed by the hub (migrations/0025). */
  provisional_number: string | null;
  doc_date: string;
  client_id: string;
  contact_id: string | null;
  priority: number;
  confirmed_real: number;
  type_id: string | null;
  object_product_id: string | null;
  object_serial: string | null;
  responsible_id: string | null;
  taken_by_id: string | null;
  start_at: string | null;
  end_at: string | null;
  start_local: string | null;
  end_local: string | null;
  status: string;
  assignee_confirmed_at: string | null;
  finalized_at: string | null;
  valid: number;
  validated_at: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  notes: string | null;
  contract_id: string | null;
  estimate_id: string | null;
  vehicle_id: string | null;
  classification_id: string | null;
  classification2_id: string | null;
  classification3_id: string | null;
  zone_id: string | null;
  client_name: string;
  client_name_key: string;
  client_fiscal_code: string | null;
  client_phone: string | null;
  client_email: string | null;
  address: string | null;
  address_key: string | null;
  locality: string | null;
  county: string | null;
  country: string | null;
  allocated_at: string | null;
}
export interface InterventionNoteTable extends Synced {
  id: string;
  org_id: string;
  intervention_id: string;
  at: string;
  person_id: string | null;
  style: number;
  text: string;
  attachment_sha256: string | null;
  attachment_name: string | null;
  attachment_size: number | null;
  registry_ref: string | null;
  /** Shown to the client in the portal (migrations/0030); 0 by default. */
  is_public: Generated<number>;
}
export interface ApprovalTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string | null;
  entity: string;
  entity_id: string;
  kind: string;
  reason: string | null;
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision: string | null;
}
export interface OutboxTable {
  id: string;
  org_id: string;
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  ref_entity: string | null;
  ref_id: string | null;
  created_at: string;
  sent_at: string | null;
  /** The gateway's reference of a delivered text message (migrations/0011_sms.ts). */
  provider_ref: string | null;
}
export interface SavedViewTable extends Synced {
  id: string;
  org_id: string;
  user_id: string | null;
  module: string;
  kind: string;
  name: string;
  config: string;
  /** No longer read: a star is a person's own (`favorite`, migrations/0007_favorites.ts); kept because migrations only add. */
  favorite: number;
}

export interface InterventionsDB {
  nomenclature: NomenclatureTable;
  product: ProductTable;
  intervention: InterventionTable;
  intervention_note: InterventionNoteTable;
  approval: ApprovalTable;
  outbox: OutboxTable;
  saved_view: SavedViewTable;
  annex_template: AnnexTemplateTable;
  intervention_warning: InterventionWarningTable;
  intervention_warning_scan: InterventionWarningScanTable;
}

/** Annex form templates (migrations/0008_annex_templates.ts): Liquid text printed as a document's annex. */
export interface AnnexTemplateTable extends Synced {
  id: string;
  org_id: string;
  type_id: string | null;
  name: string;
  body: string;
}

/** A raised warning (migrations/0009): one per intervention × kind, open while `resolved_at` is null. */
export interface InterventionWarningTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  intervention_id: string;
  kind: string;
  due_at: string;
  raised_at: string;
  resolved_at: string | null;
  times: number;
}
/** How far the warnings scan got, per organization (this machine's state, not synced). */
export interface InterventionWarningScanTable {
  org_id: string;
  scanned_to: string;
  limits: string;
  seq: number;
}

/** Outgoing mail (migrations/0004_mail.ts): one SMTP account per organization, its password sealed. */
export interface MailSettingTable extends Synced {
  id: string;
  org_id: string;
  host: string;
  port: number;
  secure: number;
  user: string | null;
  password_enc: string | null;
  from_address: string;
}
export interface MailDB {
  mail_setting: MailSettingTable;
}

/** The change record (migrations/0006_change_log.ts): what each write of a synced row changed, in the order it landed. */
export interface ChangeLogTable {
  seq: Generated<number>;
  org_id: string;
  branch_id: string | null;
  table_name: string;
  row_id: string;
  op: string;
  columns: string;
  version: number;
  user_id: string | null;
  at: string;
  /** The change's hybrid-logical-clock stamp (migrations/0014_sync.ts; null before it). */
  hlc: Generated<string | null>;
  /** null: written here; 'remote': applied from the hub, never pushed back. */
  origin: Generated<string | null>;
}
export interface ChangeDB {
  change_log: ChangeLogTable;
}

/** A person's favorites (migrations/0007_favorites.ts): a screen or a saved view starred for their page and navigation. */
export interface FavoriteTable extends Synced {
  id: string;
  org_id: string;
  user_id: string;
  kind: string;
  target: string;
}
export interface FavoritesDB {
  favorite: FavoriteTable;
}

/** The clinic's calendar (migrations/0010_calendar.ts). Times of day are the branch's wall clock; visits' are UTC instants. */
export interface WorkScheduleTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  user_id: string;
  /** JSON: ISO weekday ("1" = Monday) → [["09:00","13:00"], …]. */
  week: string;
}
export interface WorkExceptionTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  user_id: string;
  kind: string;
  day_from: string;
  day_to: string;
  /** JSON [["18:00","20:00"], …] for extra hours or a partial day off; null for a whole day. */
  intervals: string | null;
  note: string | null;
}
export interface ServiceTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  name: string;
  duration_min: number;
  price_minor: number;
  currency: string;
  colour: string;
  /** JSON array of user ids. */
  performers: string;
  active: number;
}
export interface VisitTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  user_id: string;
  kind: string;
  client_id: string | null;
  starts_at: string;
  ends_at: string;
  status: string;
  cancel_reason: string | null;
  first_consultation: number;
  asap: number;
  notes: string | null;
  source_id: string | null;
  service_id: string | null;
  reminder: string;
  total_minor: number;
  paid_minor: number;
  currency: string;
  created_by: string | null;
}
export interface VisitLineTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  visit_id: string;
  kind: string;
  service_id: string | null;
  product_id: string | null;
  name: string;
  quantity: number;
  price_minor: number;
}
export interface VisitPaymentTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  visit_id: string;
  method: string;
  amount_minor: number;
  paid_at: string;
  note: string | null;
}
export interface CalendarDB {
  work_schedule: WorkScheduleTable;
  work_exception: WorkExceptionTable;
  service: ServiceTable;
  visit: VisitTable;
  visit_line: VisitLineTable;
  visit_payment: VisitPaymentTable;
}

/** Reminder calls (migrations/0013_reminders.ts). Branch rows of the policy: a null column is "as the organization". */
export interface ReminderPolicyTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string | null;
  enabled: number | null;
  quiet_start: string | null;
  quiet_end: string | null;
  daily_cap: number | null;
  retry_long_min: number | null;
  retry_short_min: number | null;
  max_retries: number | null;
  /** JSON array of offsets: "1d", "2h", "90m". */
  offsets: string | null;
  channel: string | null;
  risk_offset: string | null;
  risk_threshold: number | null;
  trunk_enabled: number | null;
  trunk_host: string | null;
  trunk_port: number | null;
  trunk_transport: string | null;
  trunk_domain: string | null;
  trunk_user: string | null;
  /** Sealed with the secrets key. */
  trunk_password: string | null;
  trunk_register: number | null;
  caller_id_mode: string | null;
  trunk_channels: number | null;
  ring_timeout_sec: number | null;
  max_call_sec: number | null;
  trunk_note: string | null;
}
export interface ReminderTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  visit_id: string;
  offset: string;
  channel: string;
  state: string;
  next_due_at: string | null;
  none_reason: string | null;
  extra: number;
}
export interface ReminderAttemptTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  reminder_id: string | null;
  visit_id: string | null;
  phone: string;
  lang: string | null;
  started_at: string;
  ended_at: string | null;
  outcome: string | null;
  key: string | null;
  sip_code: number | null;
  seconds: number;
  billable: number;
  test: number;
}
export interface ReminderCapNoticeTable {
  org_id: string;
  day: string;
  notified_at: string;
}
export interface PromptRecordingTable extends Synced {
  id: string;
  org_id: string;
  lang: string;
  phrase: string;
  /** The converted recording: a WAV of 8 kHz mono 16-bit PCM. */
  wav: Uint8Array;
  samples: number;
  source_name: string | null;
}
export interface RemindersDB {
  reminder_policy: ReminderPolicyTable;
  reminder: ReminderTable;
  reminder_attempt: ReminderAttemptTable;
  reminder_cap_notice: ReminderCapNoticeTable;
  prompt_recording: PromptRecordingTable;
}

/** Branch sync (migrations/0014_sync.ts): this installation's registration, each cell's stamp, conflicts, waiting cells. */
export interface SyncDeviceTable {
  id: number;
  installation_id: string;
  device_id: string | null;
  device_name: string | null;
  hub_url: string | null;
  device_key_enc: string | null;
  org_id: string | null;
  cursor: Generated<number>;
  pushed_seq: Generated<number>;
  settled_seq: Generated<number>;
  interval_seconds: Generated<number>;
  last_sync_at: string | null;
  problem_key: string | null;
  /** JSON object. */
  problem_params: string | null;
  registered_at: string | null;
  /** 1: registered anew while holding data; the next round pushes all of it. */
  full_push: Generated<number>;
  /** The hub's time of a reset it asked for, not yet carried out here. */
  reset_requested_at: number | null;
  /** The reset this file was rebuilt for, not yet reported to the hub. */
  reset_done_at: number | null;
}
export interface SyncCellTable {
  table_name: string;
  row_id: string;
  column_name: string;
  hlc: string;
  node: string;
  seq: number | null;
}
export interface SyncConflictTable {
  id: string;
  org_id: string | null;
  kind: string;
  table_name: string;
  row_id: string;
  other_row_id: string | null;
  title: string | null;
  branch_id: string | null;
  detected_at: string;
  /** JSON. */
  kept: string | null;
  /** JSON. */
  other: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
}
export interface SyncInboxTable {
  table_name: string;
  row_id: string;
  column_name: string;
  org_id: string;
  branch_id: string | null;
  /** JSON of the cell's value. */
  value: string | null;
  hlc: string;
  received_at: string;
}
export interface SyncDB {
  sync_device: SyncDeviceTable;
  sync_cell: SyncCellTable;
  sync_conflict: SyncConflictTable;
  sync_inbox: SyncInboxTable;
}
/** Tasks (migrations/0015_tasks.ts). */
export interface TaskTypeTable extends Synced {
  id: string;
  org_id: string;
  name: string;
  name_key: string;
  active: number;
  hourly_rate_minor: number | null;
}
export interface TaskTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  series_id: string | null;
  number: string | null;
  /** The number it was validated under while not yet confirmed by the hub (migrations/0025). */
  provisional_number: string | null;
  doc_date: string;
  client_id: string;
  client_name: string;
  client_name_key: string;
  client_email: string | null;
  client_phone: string | null;
  client_review: number;
  address: string | null;
  address_key: string | null;
  priority: string;
  priority_rank: number;
  type_id: string | null;
  subject: string | null;
  description: string | null;
  due_date: string | null;
  responsible_id: string | null;
  assignee_id: string | null;
  requested_assignee_id: string | null;
  status: string;
  source: string;
  assigned_at: string | null;
  acknowledged_at: string | null;
  started_at: string | null;
  submitted_at: string | null;
  done_at: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  /** Made from a website chat (migration 0029): the hub's conversation, and the client's request it continues. */
  chat_conversation_id: string | null;
  request_kind: string | null;
  request_id: string | null;
}
export interface TaskNoteTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  task_id: string;
  at: string;
  person_id: string | null;
  kind: string;
  text: string;
  mail_from: string | null;
  mail_subject: string | null;
  message_id: string | null;
}
export interface TaskAttachmentTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  task_id: string;
  note_id: string | null;
  file_name: string;
  mime: string;
  size: number;
  content_id: string | null;
  data: Uint8Array;
}
export interface TaskMailboxTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  name: string;
  host: string;
  port: number;
  tls: number;
  login: string;
  /** Sealed with the secrets key. */
  password: string | null;
  folder: string;
  done_folder: string | null;
  enabled: number;
  poll_sec: number;
  note: string | null;
}
export interface TaskMailTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  mailbox_id: string;
  message_key: string;
  uid_validity: string;
  uid: number;
  task_id: string | null;
  outcome: string;
  received_at: string;
}
export interface TasksDB {
  task_type: TaskTypeTable;
  task: TaskTable;
  task_note: TaskNoteTable;
  task_attachment: TaskAttachmentTable;
  task_mailbox: TaskMailboxTable;
  task_mail: TaskMailTable;
  task_time_entry: TaskTimeEntryTable;
}
/** Time on tasks (migrations/0016_task_time.ts). */
export interface TaskTimeEntryTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  task_id: string;
  employee_id: string;
  started_at: string;
  ended_at: string | null;
  seconds: number | null;
  day: string;
  source: 'timer' | 'manual';
  note: string | null;
  billable: Generated<number>;
}
/** Checklists (migrations/0017_task_checklist.ts). */
export interface TaskTypeCheckItemTable extends Synced {
  id: string;
  org_id: string;
  type_id: string;
  text: string;
  position: number;
  required: number;
}
export interface TaskCheckItemTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  task_id: string;
  text: string;
  position: number;
  required: number;
  checked_by: string | null;
  checked_at: string | null;
  note: string | null;
}
export interface ChecklistDB {
  task_type_check_item: TaskTypeCheckItemTable;
  task_check_item: TaskCheckItemTable;
}
/** Monthly invoices (migrations/0018_invoices.ts). */
export interface TaskMaterialTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  task_id: string;
  product_id: string | null;
  name: string;
  quantity_milli: number;
  unit: string;
  unit_price_minor: number;
  vat_bp: number | null;
}
export interface InvoiceTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  client_id: string;
  month: string;
  status: 'draft' | 'approved' | 'exported';
  series_id: string | null;
  number: string | null;
  /** The number it was validated under while not yet confirmed by the hub (migrations/0025). */
  provisional_number: string | null;
  issue_date: string;
  due_date: string;
  currency: string;
  client_name: string;
  client_code: string | null;
  client_vat_id: string | null;
  client_address: string | null;
  client_country: string | null;
  client_email: string | null;
  language: string;
  net_minor: number;
  vat_minor: number;
  total_minor: number;
  approved_at: string | null;
  approved_by: string | null;
  exported_at: string | null;
  note: string | null;
  task_ids: Generated<string>;
}
export interface InvoiceLineTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  invoice_id: string;
  position: number;
  kind: 'time' | 'material' | 'manual';
  description: string;
  quantity_milli: number;
  unit: string;
  unit_price_minor: number;
  vat_bp: number;
  net_minor: number;
  missing_rate: Generated<number>;
}
export interface InvoicesDB {
  task_material: TaskMaterialTable;
  invoice: InvoiceTable;
  invoice_line: InvoiceLineTable;
}
/** The web form's intake (migrations/0020_task_web_intake.ts). */
export interface UserTable {
  /** 1: listed by name on the hub's web form, for a client to ask for. */
  public_on_web: Generated<number>;
}
export interface TaskWebIntakeTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  submission_id: string;
  task_id: string;
  reference: string;
  received_at: string;
}
export interface WebIntakeDB {
  task_web_intake: TaskWebIntakeTable;
}
/** Employee notices and field actions (migrations/0019_task_notices.ts): this installation's own records, not synced. */
export interface TaskNoticeTable {
  id: string;
  org_id: string;
  branch_id: string;
  task_id: string;
  employee_id: string;
  priority: string;
  channel: string;
  language: string;
  created_at: string;
  sent_at: string | null;
  link_id: string | null;
  link_expires_at: string | null;
  link_revoked_at: string | null;
  link_revoke_sent_at: string | null;
  acknowledged_at: string | null;
  acknowledged_via: string | null;
  escalated_at: string | null;
}
export interface TaskFieldActionTable {
  action_id: string;
  org_id: string;
  task_id: string;
  kind: string;
  outcome: string;
  applied_at: string;
}
export interface TaskFieldCursorTable {
  org_id: string;
  cursor: number;
}
export interface TaskNoticesDB {
  task_notice: TaskNoticeTable;
  portal_link: PortalLinkTable;
  task_field_action: TaskFieldActionTable;
  task_field_cursor: TaskFieldCursorTable;
}
/** What became of a phone action (migrations/0022_task_field_outcome.ts): synced, so the phone page can tell it. */
export interface TaskFieldOutcomeTable extends Synced {
  id: string;
  org_id: string;
  branch_id: string;
  task_id: string;
  employee_id: string;
  kind: string;
  outcome: string;
  reason: string | null;
  params: string | null;
  acted_at: string;
}
export interface FieldOutcomeDB {
  task_field_outcome: TaskFieldOutcomeTable;
}

/** This installation's last provisional counter per series (migrations/0025; not synced). */
export interface SeriesProvisionalTable {
  series_id: string;
  last_counter: number;
}
export interface ProvisionalDB {
  series_provisional: SeriesProvisionalTable;
}

/** A client portal link this installation asked the hub for (migrations/0030_client_portal.ts): its own record, not synced. */
export interface PortalLinkTable {
  /** The hub's id of the link (revocations name it). */
  id: string;
  org_id: string;
  client_id: string;
  language: string;
  /** The link's address, sealed with the secrets key. */
  url_sealed: string;
  created_at: string;
  created_by: string | null;
  expires_at: string;
  revoked_at: string | null;
  revoke_sent_at: string | null;
}
