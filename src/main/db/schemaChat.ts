/** The website chat's settings (migration 0027): synced to the hub, which routes conversations by them. */
interface Synced {
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
}

/** One row per organization; its id is the organization's, so two computers saving it first merge into one row. */
export interface ChatSettingTable extends Synced {
  id: string;
  org_id: string;
  /** experienced_first | cheapest_first */
  strategy: string;
  /** 0: never automatically. */
  escalate_after_minutes: number;
  max_chats_each: number;
  /** JSON: field → off | asked | required (name, phone, email, topic). */
  questionnaire: string;
  /** JSON array of topic names, in the order the visitor sees them. */
  topics: string;
  /** JSON: language → greeting; a language left out uses the widget's own words. */
  greetings: string;
  /** https address of the organization's logo: the widget's avatar when no person's photo is known (0032). */
  logo_url: string | null;
}

/** One row per employee who answers chats; its id is the employee's. */
export interface ChatOperatorTable extends Synced {
  id: string;
  org_id: string;
  user_id: string;
  experience_level: number;
  cost_level: number;
  sms_on_start: number;
  /** https address of the person's photo, shown to the visitor they answer (0032). */
  photo_url: string | null;
}

export interface ChatSettingsDB {
  chat_setting: ChatSettingTable;
  chat_operator: ChatOperatorTable;
}
