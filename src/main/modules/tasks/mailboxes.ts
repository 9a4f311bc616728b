import type { Selectable } from 'kysely';
import { z } from 'zod';
import { me, type Ctx } from '../../api/context';
import { inScope, loadInScope } from '../../api/scope';
import type { TaskMailboxTable } from '../../db/schema';
import { secretsFor } from '../../mail';
import type { TaskMailbox, taskMailboxInput } from '../../../shared/api/tasks';
import { mailboxRows } from './tables';

/** The sealed password is bound to its mailbox: a sealed value copied onto another row does not open. */
export const mailboxPasswordContext = (mailboxId: string) => `tasks.mailbox.password:${mailboxId}`;

export function toMailbox(r: Selectable<TaskMailboxTable>): TaskMailbox {
  return {
    id: r.id,
    version: r.version,
    branchId: r.branch_id,
    name: r.name,
    host: r.host,
    port: r.port,
    tls: r.tls === 1,
    login: r.login,
    hasPassword: r.password !== null,
    folder: r.folder,
    doneFolder: r.done_folder,
    enabled: r.enabled === 1,
    pollSec: r.poll_sec,
    note: r.note,
  };
}

export async function listMailboxes(ctx: Ctx): Promise<TaskMailbox[]> {
  const rows = await ctx.db
    .selectFrom('task_mailbox')
    .selectAll()
    .where('deleted_at', 'is', null)
    .where(inScope(me(ctx), { org: 'task_mailbox.org_id', branch: 'task_mailbox.branch_id' }))
    .orderBy('name')
    .execute();
  return rows.map(toMailbox);
}

export async function saveMailbox(ctx: Ctx, input: z.output<typeof taskMailboxInput>): Promise<TaskMailbox> {
  await loadInScope(ctx.db, me(ctx), 'branch', input.branchId, { key: 'branch_not_found', field: 'branchId' });
  const rows = mailboxRows.in(ctx);
  const before = input.id ? await rows.load(input.id, { key: 'mailbox_not_found', field: 'id' }) : null;
  const values = {
    branch_id: input.branchId,
    name: input.name,
    host: input.host,
    port: input.port,
    tls: input.tls ? 1 : 0,
    login: input.login,
    folder: input.folder,
    done_folder: input.doneFolder || null,
    enabled: input.enabled ? 1 : 0,
    poll_sec: input.pollSec,
    note: input.note || null,
  };
  const seal = (id: string) => (input.password === undefined ? (before?.password ?? null) : input.password ? secretsFor(ctx.config).encrypt(input.password, mailboxPasswordContext(id)) : null);
  if (before) return toMailbox(await rows.update(before, { ...values, password: seal(before.id) }, { expect: input.version }));
  const inserted = await rows.insert({ ...values, password: null });
  return toMailbox(input.password ? await rows.update(inserted, { password: seal(inserted.id) }, { audit: false }) : inserted);
}

export async function deleteMailbox(ctx: Ctx, id: string): Promise<void> {
  const rows = mailboxRows.in(ctx);
  await rows.remove(await rows.load(id, { key: 'mailbox_not_found', field: 'id' }));
}
