/** The hub's chat actions applied on this desktop (migration 0029), by their id, and the pull's cursor. */
export interface TaskChatActionTable {
  action_id: string;
  org_id: string;
  conversation_id: string;
  task_id: string | null;
  /** applied | refused:<reason> | unknown */
  outcome: string;
  applied_at: string;
}

export interface TaskChatCursorTable {
  org_id: string;
  cursor: number;
}

export interface TaskChatDB {
  task_chat_action: TaskChatActionTable;
  task_chat_cursor: TaskChatCursorTable;
}
