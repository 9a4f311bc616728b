import fs from 'node:fs';
import path from 'node:path';
import { me, type Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import { createdStamps, newId } from '../../db/ids';
import { isoNow } from '../../clock';
import type { NoteRow } from '../../../shared/api/interventions';
import { assertPeriodOpen } from '../periods';
import { assertWritable } from './settings';
import { noteRows } from './tables';
import { uploadsOf, type Received } from './uploads';

export async function loadTimeline(ctx: Ctx, interventionId: string): Promise<NoteRow[]> {
  const rows = await ctx.db
    .selectFrom('intervention_note as n')
    .leftJoin('app_user as u', 'u.id', 'n.person_id')
    .select(['n.id', 'n.at', 'n.person_id', 'u.name as person', 'n.style', 'n.text', 'n.attachment_name', 'n.attachment_size', 'n.attachment_sha256', 'n.registry_ref', 'n.is_public'])
    .where('n.intervention_id', '=', interventionId)
    .where('n.deleted_at', 'is', null)
    .orderBy('n.at')
    .orderBy('n.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    personId: r.person_id,
    person: r.person ?? null,
    style: r.style === 2 ? 2 : 1,
    text: r.text,
    attachmentName: r.attachment_name,
    attachmentSize: r.attachment_size,
    attachmentSha256: r.attachment_sha256,
    registryRef: r.registry_ref,
    public: r.is_public === 1,
  }));
}

/**
 * Stores a received file once under its SHA-256 name (the same file attached twice is kept once). Moved in before
 * the transaction commits: a rollback leaves at most an unreferenced file, never a reference to a missing one.
 */
export function storeAttachment(dir: string, received: Received): string {
  const sha = received.sha256;
  const target = path.join(dir, sha.slice(0, 2), sha);
  if (fs.existsSync(target)) {
    fs.rmSync(received.file, { force: true });
    return sha;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const fd = fs.openSync(received.file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(received.file, target);
  return sha;
}

export function attachmentPath(dir: string, sha: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha)) throw fail.validation('attachment_not_found', 'sha256');
  return path.join(dir, sha.slice(0, 2), sha);
}

export async function addNote(
  ctx: Ctx,
  intervention: { id: string; branch_id: string; doc_date: string },
  input: { style: 1 | 2; text: string; registryRef?: string | null; attachment?: { name: string; uploadId: string }; public?: boolean },
): Promise<NoteRow> {
  const user = me(ctx);
  // A line of the timeline is a write of the document: the same locks hold, shown where the line is typed.
  const field = input.attachment ? 'attachment' : 'text';
  await assertWritable(ctx, field);
  await assertPeriodOpen(ctx, intervention.doc_date, field);
  let sha: string | null = null;
  let size: number | null = null;
  if (input.attachment) {
    if (input.style !== 1) throw fail.validation('attachment_style', 'attachment');
    const received = uploadsOf(ctx.config, ctx.clock).take(user.id, input.attachment.uploadId);
    sha = storeAttachment(ctx.config.attachmentsDir, received);
    size = received.size;
  }
  const row = await noteRows.in(ctx).insert(
    {
      intervention_id: intervention.id,
      at: isoNow(ctx.clock),
      person_id: user.id,
      style: input.style,
      text: input.text,
      attachment_sha256: sha,
      attachment_name: input.attachment?.name ?? null,
      attachment_size: size,
      registry_ref: input.style === 1 ? (input.registryRef ?? null) : null,
      is_public: input.public ? 1 : 0,
    },
    // The entry is the document's: its history shows the note.
    { branchId: intervention.branch_id, audit: { entityId: intervention.id, after: null } },
  );
  return (await loadTimeline(ctx, intervention.id)).find((n) => n.id === row.id)!;
}

/** Shows an entry to the client in the portal, or hides it: a write of the document, under the same locks. */
export async function setNotePublic(ctx: Ctx, intervention: { id: string; branch_id: string; doc_date: string }, noteId: string, visible: boolean): Promise<NoteRow> {
  await assertWritable(ctx, 'text');
  await assertPeriodOpen(ctx, intervention.doc_date, 'text');
  const note = await noteRows.in(ctx).load(noteId, { key: 'note_not_found', field: 'noteId' });
  if (note.intervention_id !== intervention.id) throw fail.notFound('note_not_found', 'noteId');
  if ((note.is_public === 1) !== visible) {
    await noteRows.in(ctx).update(note, { is_public: visible ? 1 : 0 }, { branchId: intervention.branch_id, audit: { entityId: intervention.id } });
  }
  return (await loadTimeline(ctx, intervention.id)).find((n) => n.id === noteId)!;
}
