import fs from 'node:fs';
import type { SessionUser } from '../../../shared/api/auth';
import { can } from '../../../shared/permissions';
import { inScope } from '../../api/scope';
import type { Db } from '../../db/connection';
import { attachmentPath } from './notes';

export interface ReadableAttachment {
  path: string;
  name: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * A timeline file, for a user who may read the intervention that holds it: same organization, a branch the user
 * sees, the note and the intervention not deleted. The one check behind web mode's /api/attachments/:sha and the
 * desktop app's window.planora.openFile, so the two can never disagree. Null for anything else, the same answer
 * for "no such file" and "not yours" (an id says nothing about other branches).
 */
export async function readableAttachment(db: Db, attachmentsDir: string, sha: unknown, user: SessionUser): Promise<ReadableAttachment | null> {
  if (typeof sha !== 'string' || !SHA256.test(sha) || !can(user.role, 'interventions', 'read')) return null;
  const note = await db
    .selectFrom('intervention_note as n')
    .innerJoin('intervention as i', 'i.id', 'n.intervention_id')
    .select(['n.attachment_name'])
    .where('n.attachment_sha256', '=', sha)
    .where(inScope(user, { org: 'i.org_id', branch: 'i.branch_id' }))
    .where('n.deleted_at', 'is', null)
    .where('i.deleted_at', 'is', null)
    .executeTakeFirst();
  const file = attachmentPath(attachmentsDir, sha);
  if (!note || !fs.existsSync(file)) return null;
  return { path: file, name: note.attachment_name ?? 'file' };
}

/** The same check for a session token, as the desktop app's core process gets it from main for one window. */
export async function attachmentForSession(
  core: { db: Db; config: { attachmentsDir: string }; sessions: { resolve(token: string): Promise<SessionUser | null> } },
  sha: unknown,
  sessionToken: string | null,
): Promise<ReadableAttachment | null> {
  const user = sessionToken ? await core.sessions.resolve(sessionToken) : null;
  return user ? readableAttachment(core.db, core.config.attachmentsDir, sha, user) : null;
}
