import type { Generated } from 'kysely';

/**
 * The hub's tables (the same on PostgreSQL and SQLite: text, bigint epoch milliseconds, JSON as text). Every id is
 * text; every instant is epoch milliseconds; `branch_ids` is a JSON array of branch ids, null for every branch.
 */
export interface HubOrganization {
  id: string;
  name: string;
  created_at: number;
  /** Touched first by every push: the row lock that makes one organization's pushes commit in seq order. */
  last_push_at: number | null;
}

export interface HubDevice {
  id: string;
  org_id: string;
  name: string;
  /** SHA-256 of the device key (hex); the key itself is shown once and never stored. */
  key_hash: string;
  branch_ids: string | null;
  schema_version: number;
  created_at: number;
  last_seen_at: number | null;
  revoked_at: number | null;
  /** An administrator asked this device to rebuild its data from the hub (`device reset`); cleared when it reports done. */
  reset_requested_at: number | null;
}

export interface HubCode {
  /** SHA-256 of the normalized code (hex). */
  code_hash: string;
  kind: 'new_org' | 'join_org';
  /** join_org: the organization joined. */
  org_id: string | null;
  /** new_org: the name the organization gets. */
  org_name: string | null;
  branch_ids: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  used_by: string | null;
}

/** Every cell ever pushed, in the hub's order: what devices pull after their cursor. */
export interface HubCellLog {
  seq: Generated<number>;
  org_id: string;
  device_id: string;
  table_name: string;
  row_id: string;
  column_name: string;
  /** JSON of the cell's value. */
  value: string;
  hlc: string;
  branch_id: string | null;
}

/** The latest cell (greatest HLC) of each column of each row: the hub's own replica. */
export interface HubCell {
  org_id: string;
  table_name: string;
  row_id: string;
  column_name: string;
  value: string;
  hlc: string;
  branch_id: string | null;
  seq: number;
}

/** Batches already stored, per device: a batch sent again is acknowledged without a second write. */
export interface HubBatch {
  device_id: string;
  batch_id: string;
  accepted: number;
  at: number;
}

/** A signed link to one task's phone page for one employee (the token only as a SHA-256 hash). */
export interface HubLink {
  id: string;
  token_hash: string;
  org_id: string;
  /** The device that asked for it: the branch's desktop. */
  device_id: string;
  branch_id: string;
  employee_id: string;
  task_id: string;
  language: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

/** What an employee did on the phone page, waiting for the branch's desktop to pull and apply it. */
export interface HubFieldAction {
  seq: Generated<number>;
  id: string;
  org_id: string;
  link_id: string;
  branch_id: string;
  task_id: string;
  employee_id: string;
  kind: string;
  text: string | null;
  at: number;
}

export interface HubDB {
  hub_organization: HubOrganization;
  hub_device: HubDevice;
  hub_code: HubCode;
  hub_cell_log: HubCellLog;
  hub_cell: HubCell;
  hub_batch: HubBatch;
  hub_intake: HubIntake;
  hub_challenge: HubChallenge;
  hub_secret: HubSecret;
  hub_link: HubLink;
  hub_field_action: HubFieldAction;
  hub_field_photo: HubFieldPhoto;
  hub_series_counter: HubSeriesCounter;
  hub_number: HubNumber;
  hub_chat_org: HubChatOrg;
  hub_chat_conversation: HubChatConversation;
  hub_chat_message: HubChatMessage;
  hub_chat_block: HubChatBlock;
  hub_chat_presence: HubChatPresence;
  hub_chat_action: HubChatAction;
  hub_portal_link: HubPortalLink;
}

/** A photo an employee sent from the phone page, waiting for the branch's device. */
export interface HubFieldPhoto {
  action_id: string;
  org_id: string;
  link_id: string;
  name: string;
  mime: string;
  size: number;
  /** base64 */
  data: string;
  at: number;
}

/** A web form submission, kept until its branch's device acknowledges the task it made of it. */
export interface HubIntake {
  seq: Generated<number>;
  id: string;
  org_id: string;
  branch_id: string;
  /** What the visitor was shown, to quote when they call. */
  reference: string;
  /** JSON of the form's fields (`WebFields`). */
  payload: string;
  /** JSON array of the files (name, type, base64 data). */
  attachments: string;
  received_at: number;
  delivered_at: number | null;
}

/** A proof-of-work challenge already answered: the same answer again is refused until it expires anyway. */
export interface HubChallenge {
  challenge: string;
  expires_at: number;
}

/** Keys the hub makes for itself once, shared by all its processes (the form's challenge key). */
export interface HubSecret {
  name: string;
  value: string;
}

/** The last final number given in a series: moved by one `UPDATE … RETURNING`, so hub processes never share a number. */
export interface HubSeriesCounter {
  org_id: string;
  series_id: string;
  last_final: number;
}

/** The final number a document was given, and the provisional one it arrived with. */
export interface HubNumber {
  org_id: string;
  table_name: string;
  row_id: string;
  series_id: string;
  final: number;
  /** The final number as written (prefix and padding of the series then): written again unchanged when re-confirmed. */
  number: string;
  provisional: string;
  device_id: string;
  at: number;
}

/** An organization's chat: its change counter (row-locked by every change, so changes commit in `rev` order). */
export interface HubChatOrg {
  org_id: string;
  rev: number;
  /** No longer written: the widget's settings are the organization's synced chat rows (hub cells). */
  settings: string | null;
  /** Last heartbeat of any hub process holding an operator's socket of the organization. */
  operators_seen_at: number | null;
}

export interface HubChatConversation {
  id: string;
  org_id: string;
  visitor_id: string;
  /** JSON of the questionnaire's answers. */
  answers: string;
  ip: string;
  page: string;
  language: string;
  status: 'open' | 'closed';
  assignee_id: string | null;
  started_at: number;
  last_message_at: number | null;
  visitor_seen_at: number | null;
  last_seq: number;
  rev: number;
  /** The organization's client the questionnaire matched (phone or e-mail), if any. */
  client_id: string | null;
  /** JSON array of the user ids it was escalated away from, oldest first; null: none. */
  had_by: string | null;
  /** When it last moved up: the new person's N minutes run from then. */
  escalated_at: number | null;
}

export interface HubChatMessage {
  conversation_id: string;
  seq: number;
  org_id: string;
  client_id: string;
  author: 'visitor' | 'operator';
  user_id: string | null;
  text: string;
  quote_seq: number | null;
  created_at: number;
  deleted_at: number | null;
  rev: number;
}

export interface HubChatBlock {
  org_id: string;
  cidr: string;
  created_at: number;
}

/** An operator's presence: the last heartbeat of a hub process holding one of their sockets. */
export interface HubChatPresence {
  org_id: string;
  user_id: string;
  seen_at: number;
}

/** Something the chat asks of the organization's desktop (a linked task, a text message), pulled after a cursor. */
export interface HubChatAction {
  seq: Generated<number>;
  id: string;
  org_id: string;
  /** The branch whose desktop applies it (the request's branch). */
  branch_id: string;
  kind: string;
  conversation_id: string;
  /** JSON of the kind's fields. */
  payload: string;
  at: number;
}

/** A signed link to one client's portal (the token only as a SHA-256 hash). */
export interface HubPortalLink {
  id: string;
  token_hash: string;
  org_id: string;
  /** The desktop that asked for it. */
  device_id: string;
  client_id: string;
  language: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}
