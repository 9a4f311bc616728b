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

export interface DB {
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
