import { randomUUID } from 'node:crypto';
import type { CellMessage } from '../../shared/sync/protocol';
import type { TestDevice } from './device';

export interface StaffMember {
  id: string;
  name: string;
  role: string;
  active?: boolean;
  experience?: number;
  cost?: number;
  sms?: boolean;
  /** ISO weekday → wall intervals on the branch's clock; none: no schedule. */
  week?: Record<string, [string, string][]>;
  exceptions?: { kind: string; dayFrom: string; dayTo: string; intervals: [string, string][] | null }[];
}

export const RIGA = { id: 'branch-riga', name: 'Rīga', zone: 'Europe/Riga' };
export const WEEKDAYS_9_TO_18: Record<string, [string, string][]> = Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [['09:00', '18:00']]]));

/**
 * Pushes the organization's chat staff as a desktop does (cells): the branch and its zone, users with roles, their
 * chat levels (`chat_operator`, id = user id), schedules and exceptions, and the organization's chat settings.
 */
export async function pushStaff(device: TestDevice, orgId: string, people: StaffMember[], settings: { strategy?: string; escalateAfterMinutes?: number; maxChatsEach?: number; country?: string } = {}): Promise<void> {
  const b = (t: string, id: string, col: string, v: CellMessage['value']) => device.cell(t, id, col, v, { branchId: RIGA.id });
  const cells: CellMessage[] = [
    device.cell('org', orgId, 'name', 'Zobu klīnika'),
    device.cell('org', orgId, 'country', settings.country ?? 'LV'),
    b('branch', RIGA.id, 'name', RIGA.name),
    b('branch', RIGA.id, 'time_zone', RIGA.zone),
    device.cell('chat_setting', orgId, 'org_id', orgId),
    device.cell('chat_setting', orgId, 'strategy', settings.strategy ?? 'experienced_first'),
    device.cell('chat_setting', orgId, 'escalate_after_minutes', settings.escalateAfterMinutes ?? 5),
    device.cell('chat_setting', orgId, 'max_chats_each', settings.maxChatsEach ?? 3),
    // A desktop always writes the questionnaire with its row: the visitor's phone and e-mail are asked, so routing can match them.
    device.cell('chat_setting', orgId, 'questionnaire', JSON.stringify({ name: 'required', phone: 'asked', email: 'asked', topic: 'asked' })),
    device.cell('chat_setting', orgId, 'topics', JSON.stringify(['Cenas'])),
  ];
  for (const p of people) {
    cells.push(
      device.cell('app_user', p.id, 'name', p.name),
      device.cell('app_user', p.id, 'role', p.role),
      device.cell('app_user', p.id, 'active', p.active === false ? 0 : 1),
      device.cell('app_user', p.id, 'password_hash', 'secret-hash'),
    );
    const link = randomUUID();
    cells.push(b('user_branch', link, 'user_id', p.id), b('user_branch', link, 'branch_id', RIGA.id));
    if (p.experience !== undefined || p.cost !== undefined || p.sms !== undefined) {
      cells.push(
        device.cell('chat_operator', p.id, 'user_id', p.id),
        device.cell('chat_operator', p.id, 'experience_level', p.experience ?? 3),
        device.cell('chat_operator', p.id, 'cost_level', p.cost ?? 3),
        device.cell('chat_operator', p.id, 'sms_on_start', p.sms ? 1 : 0),
      );
    }
    if (p.week) {
      const s = `sched-${p.id}`;
      cells.push(b('work_schedule', s, 'user_id', p.id), b('work_schedule', s, 'branch_id', RIGA.id), b('work_schedule', s, 'week', JSON.stringify(p.week)));
    }
    for (const e of p.exceptions ?? []) {
      const x = randomUUID();
      cells.push(
        b('work_exception', x, 'user_id', p.id),
        b('work_exception', x, 'branch_id', RIGA.id),
        b('work_exception', x, 'kind', e.kind),
        b('work_exception', x, 'day_from', e.dayFrom),
        b('work_exception', x, 'day_to', e.dayTo),
        b('work_exception', x, 'intervals', e.intervals ? JSON.stringify(e.intervals) : null),
      );
    }
  }
  const r = await device.sync(cells);
  if (r.status !== 200) throw new Error(`push refused: ${JSON.stringify(r.body)}`);
}

/** A client with a phone and an e-mail, and an open intervention with a responsible person (cells, as a desktop pushes them). */
export async function pushClientWithRequest(device: TestDevice, opts: { clientId: string; phoneE164: string; digitsRev: string; email: string; responsibleId: string; interventionId: string; updatedAt?: string }): Promise<void> {
  const b = (t: string, id: string, col: string, v: CellMessage['value']) => device.cell(t, id, col, v, { branchId: RIGA.id });
  const phone = randomUUID();
  const mail = randomUUID();
  const r = await device.sync([
    device.cell('client', opts.clientId, 'name', 'Ona Kalniņa'),
    device.cell('client_phone', phone, 'client_id', opts.clientId),
    device.cell('client_phone', phone, 'number', opts.phoneE164),
    device.cell('client_phone', phone, 'digits_rev', opts.digitsRev),
    device.cell('client_email', mail, 'client_id', opts.clientId),
    device.cell('client_email', mail, 'address_key', opts.email.toLowerCase()),
    b('intervention', opts.interventionId, 'client_id', opts.clientId),
    b('intervention', opts.interventionId, 'branch_id', RIGA.id),
    b('intervention', opts.interventionId, 'status', 'allocated'),
    b('intervention', opts.interventionId, 'responsible_id', opts.responsibleId),
    b('intervention', opts.interventionId, 'updated_at', opts.updatedAt ?? '2026-12-01T10:00:00.000Z'),
  ]);
  if (r.status !== 200) throw new Error(`push refused: ${JSON.stringify(r.body)}`);
}
