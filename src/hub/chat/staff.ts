import { inWorkingHours, type StaffHours } from '../../shared/chat/onlineStatus';
import type { ChatCandidate } from '../../shared/chat/routing';
import { can, ROLES, type Role } from '../../shared/permissions';
import { EXCEPTION_KINDS, type Week, type WorkException } from '../../shared/rules/workingHours';
import type { HubDb } from '../db/open';
import { OPERATOR_PRESENCE_MS } from '../store/chat';

/** An organization's chat staff as the hub sees them now: candidates for routing, and the hours the widget speaks of. */
export interface ChatStaff {
  candidates: ChatCandidate[];
  /** One entry per person and branch schedule (a person may work at two branches, on two clocks). */
  hours: StaffHours[];
  /** Who wants a text message when a visitor starts a chat with them. */
  smsOnStart: Set<string>;
}

/** The levels of someone who has no `chat_operator` row: the middle of the scale (as the desktop's table defaults). */
export const DEFAULT_LEVEL = 3;

type Row = Record<string, unknown> & { id: string };

const STAFF_TABLES = ['app_user', 'user_branch', 'branch', 'chat_operator', 'work_schedule', 'work_exception'] as const;

/** Every live row of the staff's tables, from the organization's current cells (one read). */
async function rowsOf(db: HubDb, orgId: string): Promise<Record<(typeof STAFF_TABLES)[number], Row[]>> {
  const cells = await db.selectFrom('hub_cell').select(['table_name', 'row_id', 'column_name', 'value']).where('org_id', '=', orgId).where('table_name', 'in', [...STAFF_TABLES]).execute();
  const byTable = new Map<string, Map<string, Row>>();
  for (const c of cells) {
    let rows = byTable.get(c.table_name);
    if (!rows) byTable.set(c.table_name, (rows = new Map()));
    let row = rows.get(c.row_id);
    if (!row) rows.set(c.row_id, (row = { id: c.row_id }));
    row[c.column_name] = JSON.parse(c.value);
  }
  const live = (t: string) => [...(byTable.get(t)?.values() ?? [])].filter((r) => r._deleted !== true && (r.deleted_at === undefined || r.deleted_at === null));
  return Object.fromEntries(STAFF_TABLES.map((t) => [t, live(t)])) as Record<(typeof STAFF_TABLES)[number], Row[]>;
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const level = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5 ? v : DEFAULT_LEVEL);
const isActive = (v: unknown) => v !== 0 && v !== false && v !== undefined && v !== null;

function parsed<T>(v: unknown, fallback: T): T {
  if (typeof v !== 'string') return (v as T) ?? fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
}

/** Users whose role may answer chats: the same table the desktop's permissions enforce. */
export function answersChats(role: unknown): boolean {
  return (ROLES as readonly unknown[]).includes(role) && can(role as Role, 'chat', 'write');
}

/**
 * The organization's chat staff now: active users whose role answers chats, their levels (defaults when the desktop
 * set none), whether they are in working hours on their branch's clock, connected (`hub_chat_presence`), and how many
 * open conversations they hold.
 */
export async function readStaff(db: HubDb, orgId: string, now: number): Promise<ChatStaff> {
  const rows = await rowsOf(db, orgId);
  const users = rows.app_user.filter((u) => isActive(u.active) && answersChats(u.role));
  const levels = new Map(rows.chat_operator.map((o) => [str(o.user_id) ?? o.id, o]));
  const zones = new Map(rows.branch.map((b) => [b.id, str(b.time_zone) ?? 'UTC']));
  const presence = await db.selectFrom('hub_chat_presence').select(['user_id', 'seen_at']).where('org_id', '=', orgId).execute();
  const online = new Set(presence.filter((p) => now - Number(p.seen_at) < OPERATOR_PRESENCE_MS).map((p) => p.user_id));
  const open = await db
    .selectFrom('hub_chat_conversation')
    .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .where('status', '=', 'open')
    .where('assignee_id', 'is not', null)
    .groupBy('assignee_id')
    .execute();
  const openOf = new Map(open.map((o) => [o.assignee_id!, Number(o.n)]));

  const hours: StaffHours[] = [];
  const candidates: ChatCandidate[] = [];
  const smsOnStart = new Set<string>();
  for (const u of users) {
    const mine: StaffHours[] = rows.work_schedule
      .filter((s) => s.user_id === u.id && typeof s.branch_id === 'string')
      .map((s) => {
        const branchId = s.branch_id as string;
        const exceptions: WorkException[] = rows.work_exception
          .filter((e) => e.user_id === u.id && e.branch_id === branchId && (EXCEPTION_KINDS as readonly unknown[]).includes(e.kind))
          .map((e) => ({ kind: e.kind as WorkException['kind'], dayFrom: String(e.day_from), dayTo: String(e.day_to), intervals: parsed(e.intervals, null) }));
        return { userId: u.id, zone: zones.get(branchId) ?? 'UTC', week: parsed<Week>(s.week, {}), exceptions, online: online.has(u.id) };
      });
    hours.push(...mine);
    const lv = levels.get(u.id);
    if (lv && isActive(lv.sms_on_start)) smsOnStart.add(u.id);
    candidates.push({
      userId: u.id,
      online: online.has(u.id),
      inWorkingHours: mine.some((h) => inWorkingHours(h, now)),
      openChats: openOf.get(u.id) ?? 0,
      experience: level(lv?.experience_level),
      cost: level(lv?.cost_level),
    });
  }
  return { candidates, hours, smsOnStart };
}

/** How long a process reuses an organization's staff: a widget's page views must not each read every schedule. */
export const STAFF_CACHE_MS = 2000;

/** A per-process cache of `readStaff`; routing decisions forget it first so they count the newest open chats. */
export function staffCache(db: HubDb, now: () => number) {
  const cache = new Map<string, { at: number; value: Promise<ChatStaff> }>();
  return {
    get(orgId: string): Promise<ChatStaff> {
      let entry = cache.get(orgId);
      // The real clock for the cache's age; the injected one for what the staff's hours are.
      if (!entry || Date.now() - entry.at > STAFF_CACHE_MS) {
        entry = { at: Date.now(), value: readStaff(db, orgId, now()) };
        entry.value.catch(() => cache.delete(orgId));
        cache.set(orgId, entry);
        if (cache.size > 10_000) cache.delete(cache.keys().next().value!);
      }
      return entry.value;
    },
    forget: (orgId: string) => void cache.delete(orgId),
  };
}
export type StaffCache = ReturnType<typeof staffCache>;
