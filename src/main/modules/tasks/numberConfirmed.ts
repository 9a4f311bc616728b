import type { Selectable } from 'kysely';
import type { TaskTable } from '../../db/schema';
import type { Ctx } from '../../api/context';
import { isoNow } from '../../clock';
import { deviceMarkOf, isProvisional } from '../../../shared/sync/provisional';
import type { taskNoteRows } from './tables';

type TaskRow = Selectable<TaskTable>;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The hub's final number replaced a provisional one: the task's timeline says so ("number RIX-000123 confirmed, was
 * RIX-P7-000012"), written once — by the computer whose mark the provisional number carries, as a change of its own
 * that syncs — so every other computer shows the same line instead of adding its own.
 */
export async function noteConfirmedNumber(ctx: Ctx, before: TaskRow | null, row: TaskRow, notes: typeof taskNoteRows): Promise<void> {
  if (!before?.number || !row.number || before.number === row.number) return;
  if (!isProvisional(before.number) || isProvisional(row.number)) return;
  const was = row.provisional_number ?? before.number;
  const device = await ctx.db.selectFrom('sync_device').select('installation_id').where('id', '=', 1).executeTakeFirst();
  if (!device || !new RegExp(`(?:^|[^\\p{L}\\p{N}])${escape(deviceMarkOf(device.installation_id))}-\\d+$`, 'u').test(was)) return;
  await notes.in(ctx).insert(
    {
      org_id: row.org_id,
      branch_id: row.branch_id,
      task_id: row.id,
      at: isoNow(ctx.clock),
      person_id: null,
      kind: 'change',
      text: JSON.stringify({ numberConfirmed: row.number, was }),
      mail_from: null,
      mail_subject: null,
      message_id: null,
    },
    { audit: false },
  );
}
