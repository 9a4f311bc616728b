import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { Selectable } from 'kysely';
import type { Ctx } from '../../../api/context';
import { inJob, type JobDeps } from '../../../api/jobCtx';
import type { TaskMailboxTable } from '../../../db/schema';
import { isoNow } from '../../../clock';
import { automaticKind, cleanSubject, messageKey, numbersInSubject, referencedIds, type Automatic } from '../../../../shared/rules/tasks/mail';
import { registerTask, type TaskDbRow } from '../register';
import { requesterClient } from '../requester';
import { mailRows, taskAttachmentRows, taskNoteRows } from '../tables';
import { acknowledgeByReply } from '../field/replyAck';

type Mailbox = Selectable<TaskMailboxTable>;
export type Outcome = 'task' | 'reply' | Automatic | 'seen';

/** The text a task keeps of a mail: long enough for any real request, short enough for the grid and the audit. */
const DESCRIPTION_CHARS = 20_000;

function sender(mail: ParsedMail): { name: string; address: string } | null {
  const first = (mail.from as AddressObject | undefined)?.value?.[0];
  return first?.address ? { name: first.name ?? '', address: first.address.toLowerCase() } : null;
}

function headerText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'value' in v) {
    const { value, params } = v as { value: unknown; params?: Record<string, string> };
    return [String(value), ...Object.entries(params ?? {}).map(([k, p]) => `${k}=${p}`)].join('; ');
  }
  return v == null ? '' : String(v);
}

/** The task a reply answers: by the Message-IDs it refers to (our e-mails and the client's), else a number in its subject. */
async function threadOf(ctx: Ctx, orgId: string, mail: ParsedMail): Promise<TaskDbRow | null> {
  const ids = referencedIds(mail.inReplyTo, mail.references);
  if (ids.length) {
    const hit = await ctx.db
      .selectFrom('task_note as n')
      .innerJoin('task as t', 't.id', 'n.task_id')
      .selectAll('t')
      .where('n.org_id', '=', orgId)
      .where('n.message_id', 'in', ids)
      .where('t.deleted_at', 'is', null)
      .orderBy('n.at', 'desc')
      .executeTakeFirst();
    if (hit) return hit;
  }
  for (const number of numbersInSubject(mail.subject)) {
    const t = await ctx.db.selectFrom('task').selectAll().where('org_id', '=', orgId).where('number', '=', number).where('deleted_at', 'is', null).executeTakeFirst();
    if (t) return t;
  }
  return null;
}

/** The mail on the task's timeline, with its files (inline images keep their Content-ID for the HTML that names them). */
async function keepMail(ctx: Ctx, task: TaskDbRow, mail: ParsedMail, from: string | null, messageId: string | null): Promise<void> {
  const note = await taskNoteRows.in(ctx).insert(
    {
      org_id: task.org_id,
      branch_id: task.branch_id,
      task_id: task.id,
      at: isoNow(ctx.clock),
      person_id: null,
      kind: 'email_in',
      text: (mail.text ?? '').trim().slice(0, DESCRIPTION_CHARS),
      mail_from: from,
      mail_subject: mail.subject?.slice(0, 300) ?? null,
      message_id: messageId,
    },
    { audit: false },
  );
  for (const [i, a] of mail.attachments.entries()) {
    await taskAttachmentRows.in(ctx).insert({
      org_id: task.org_id,
      branch_id: task.branch_id,
      task_id: task.id,
      note_id: note.id,
      file_name: (a.filename ?? (a.contentType === 'message/rfc822' ? `forwarded-${i + 1}.eml` : `attachment-${i + 1}`)).slice(0, 255),
      mime: a.contentType,
      size: a.size ?? a.content.length,
      content_id: a.related && a.contentId ? a.contentId : null,
      data: a.content,
    });
  }
}

/**
 * One message of a mailbox, in one transaction with its record: a new task, a note on the task it answers, or the
 * decision that a machine wrote it. A message whose record exists (read again after a crash before it was flagged,
 * or by a second poll) changes nothing and answers `seen`, so the caller flags it and moves on.
 */
export async function takeMessage(deps: JobDeps, box: Mailbox, msg: RawMessage): Promise<Taken> {
  const parsed = await parseMessage(msg);
  return inJob(deps, box.org_id, (ctx) => takeParsed(ctx, box, parsed));
}

/**
 * Several messages of a mailbox in one transaction (one commit instead of one each), each as `takeMessage` takes
 * it: a message met twice in the chunk finds the record the first one wrote. If the chunk fails, its messages are
 * taken one transaction each, so those before a message that cannot be taken are kept, as they would be alone.
 */
export async function takeMessages(deps: JobDeps, box: Mailbox, msgs: readonly RawMessage[]): Promise<Taken[]> {
  const parsed: Parsed[] = [];
  for (const msg of msgs) parsed.push(await parseMessage(msg));
  try {
    return await inJob(deps, box.org_id, async (ctx) => {
      const out: Taken[] = [];
      for (const p of parsed) out.push(await takeParsed(ctx, box, p));
      return out;
    });
  } catch (chunkFailed) {
    if (parsed.length === 1) throw chunkFailed;
    const out: Taken[] = [];
    for (const p of parsed) out.push(await inJob(deps, box.org_id, (ctx) => takeParsed(ctx, box, p)));
    return out;
  }
}

export interface RawMessage {
  uid: number;
  uidValidity: string;
  source: Buffer;
}

export interface Taken {
  outcome: Outcome;
  taskId: string | null;
}

interface Parsed {
  msg: RawMessage;
  mail: ParsedMail;
  key: string;
  from: { name: string; address: string } | null;
  headers: Map<string, string>;
}

/** Parsing is CPU and memory, not the database's business: done before the write transaction. */
async function parseMessage(msg: RawMessage): Promise<Parsed> {
  const mail = await simpleParser(msg.source, { skipTextToHtml: true });
  return { msg, mail, key: messageKey(mail.messageId, msg.uidValidity, msg.uid), from: sender(mail), headers: new Map([...mail.headers].map(([k, v]) => [k.toLowerCase(), headerText(v)])) };
}

async function takeParsed(ctx: Ctx, box: Mailbox, { msg, mail, key, from, headers }: Parsed): Promise<Taken> {
  const seen = await ctx.db.selectFrom('task_mail').select('task_id').where('mailbox_id', '=', box.id).where('message_key', '=', key).executeTakeFirst();
  if (seen) return { outcome: 'seen' as const, taskId: seen.task_id };
  const record = (outcome: Outcome, taskId: string | null) =>
    mailRows.in(ctx).insert({ org_id: box.org_id, branch_id: box.branch_id, mailbox_id: box.id, message_key: key, uid_validity: msg.uidValidity, uid: msg.uid, task_id: taskId, outcome, received_at: isoNow(ctx.clock) });
  const automatic = automaticKind({ headers, fromAddress: from?.address ?? null, contentType: headers.get('content-type') ?? null });
  if (automatic || !from) {
    await record(automatic ?? 'auto_reply', null);
    return { outcome: automatic ?? ('auto_reply' as const), taskId: null };
  }
  const thread = await threadOf(ctx, box.org_id, mail);
  if (thread) {
    await keepMail(ctx, thread, mail, from.address, mail.messageId ?? null);
    await acknowledgeByReply(ctx, thread, from.address);
    await record('reply', thread.id);
    return { outcome: 'reply' as const, taskId: thread.id };
  }
  const client = await requesterClient(ctx, box.org_id, { name: from.name, email: from.address, phone: null, via: 'e-mail' });
  const subject = cleanSubject(mail.subject) || null;
  const task = await registerTask(ctx, {
    orgId: box.org_id,
    branchId: box.branch_id,
    clientId: client.id,
    priority: 'medium',
    typeId: null,
    subject,
    description: (mail.text ?? '').trim().slice(0, DESCRIPTION_CHARS) || null,
    dueDate: null,
    address: null,
    assigneeId: null,
    requestedAssigneeId: null,
    source: 'email',
    clientReview: client.isNew,
  });
  await keepMail(ctx, task, mail, from.address, mail.messageId ?? null);
  await record('task', task.id);
  return { outcome: 'task' as const, taskId: task.id };
}
