import { z } from 'zod';
import { CHAT_FIELDS, type ChatField, type Questionnaire } from '../../shared/chat/protocol';
import type { HubDb } from '../db/open';
import { rowOf } from '../store/taskView';

/**
 * An organization's website chat as its desktops last pushed it: the synced `chat_setting` row (its id is the
 * organization's), the `chat_operator` rows and the users' names, read from the hub's cells. This is the only
 * source of the widget's questionnaire, topics, greetings, logo and operators' photos.
 */
export interface OrgChatSettings {
  questionnaire: Questionnaire;
  /** Language → greeting; a language left out shows none. */
  greetings: Record<string, string>;
  logoUrl: string | null;
  /** Operators' photos by user id. */
  photos: Record<string, string>;
  /** Users' names by user id: what the visitor sees above a reply. */
  names: Record<string, string>;
}

/** What the desktop's screen shows before anyone saved: name required, a way to call back asked, no topic. */
export const UNSAVED_QUESTIONNAIRE: Questionnaire = { ask: ['name', 'phone', 'email'], require: ['name'], topics: [] };

const modes = z.record(z.string(), z.unknown());
const strings = z.array(z.string().min(1).max(80)).max(30);
const greetingMap = z.record(z.string(), z.string().max(300));
// Only an https address reaches a visitor's page: a site served over https would refuse anything else anyway.
const httpsUrl = z.string().max(500).regex(/^https:\/\/[^\s"'<>]+$/);

/** A JSON text cell read leniently: a desktop of another version may have written a shape this hub does not know. */
function json<T>(value: unknown, schema: z.ZodType<T>, fallback: T): T {
  if (typeof value !== 'string') return fallback;
  try {
    const r = schema.safeParse(JSON.parse(value));
    return r.success ? r.data : fallback;
  } catch {
    return fallback;
  }
}

/** The desktop's per-field modes (off / asked / required) as the widget's lists. */
export function questionnaireOf(row: Record<string, unknown> | null): Questionnaire {
  if (!row) return UNSAVED_QUESTIONNAIRE;
  const m = json(row.questionnaire, modes, {});
  const mode = (f: ChatField) => (m[f] === 'asked' || m[f] === 'required' ? m[f] : 'off');
  const topics = json(row.topics, strings, []);
  const ask = CHAT_FIELDS.filter((f) => mode(f) !== 'off' && (f !== 'topic' || topics.length > 0));
  return { ask, require: ask.filter((f) => mode(f) === 'required'), topics };
}

async function columnOfTable(db: HubDb, orgId: string, table: string, column: string): Promise<Map<string, unknown>> {
  const cells = await db.selectFrom('hub_cell').select(['row_id', 'value']).where('org_id', '=', orgId).where('table_name', '=', table).where('column_name', '=', column).execute();
  return new Map(cells.map((c) => [c.row_id, JSON.parse(c.value) as unknown]));
}

/** Rows deleted (tombstoned or soft-deleted) on the desktop. */
async function goneRows(db: HubDb, orgId: string, table: string): Promise<Set<string>> {
  const [tomb, soft] = await Promise.all([columnOfTable(db, orgId, table, '_deleted'), columnOfTable(db, orgId, table, 'deleted_at')]);
  return new Set([...[...tomb].filter(([, v]) => v === true), ...[...soft].filter(([, v]) => v !== null)].map(([id]) => id));
}

export async function readOrgChatSettings(db: HubDb, orgId: string): Promise<OrgChatSettings> {
  const [row, photoCells, nameCells, goneOperators, goneUsers] = await Promise.all([
    rowOf(db, orgId, 'chat_setting', orgId),
    columnOfTable(db, orgId, 'chat_operator', 'photo_url'),
    columnOfTable(db, orgId, 'app_user', 'name'),
    goneRows(db, orgId, 'chat_operator'),
    goneRows(db, orgId, 'app_user'),
  ]);
  const live = row && (row.deleted_at === undefined || row.deleted_at === null) ? row : null;
  const photos: Record<string, string> = {};
  // The operator's row id is the employee's id.
  for (const [userId, url] of photoCells) if (!goneOperators.has(userId) && httpsUrl.safeParse(url).success) photos[userId] = url as string;
  const names: Record<string, string> = {};
  for (const [userId, name] of nameCells) if (!goneUsers.has(userId) && typeof name === 'string' && name.trim()) names[userId] = name.trim();
  return {
    questionnaire: questionnaireOf(live),
    greetings: json(live?.greetings, greetingMap, {}),
    logoUrl: httpsUrl.safeParse(live?.logo_url).success ? (live!.logo_url as string) : null,
    photos,
    names,
  };
}
