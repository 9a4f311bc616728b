import type { Generated } from 'kysely';

/** The desktop's copy of the website chat (migration 0028): written as the hub's frames arrive, never synced. */
export interface ChatArchiveConversationTable {
  id: string;
  org_id: string;
  /** open | closed */
  status: Generated<string>;
  /** JSON: the questionnaire's answers. */
  answers: Generated<string>;
  ip: Generated<string>;
  page: Generated<string>;
  language: Generated<string>;
  assignee_id: string | null;
  client_id: string | null;
  started_at: number;
  last_message_at: number | null;
  visitor_seen_at: number | null;
  /** visitor | operator | null (no message yet) */
  last_author: string | null;
  rev: Generated<number>;
}

export interface ChatArchiveMessageTable {
  conversation_id: string;
  seq: number;
  org_id: string;
  /** visitor | operator */
  author: string;
  user_id: string | null;
  text: string;
  quote_seq: number | null;
  at: number;
  deleted_at: number | null;
  rev: number;
}

export interface ChatArchiveCursorTable {
  org_id: string;
  rev: number;
}

export interface ChatArchiveDB {
  chat_archive_conversation: ChatArchiveConversationTable;
  chat_archive_message: ChatArchiveMessageTable;
  chat_archive_cursor: ChatArchiveCursorTable;
}
