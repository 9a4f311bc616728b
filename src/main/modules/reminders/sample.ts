import { Temporal } from 'temporal-polyfill';
import { me, type Ctx } from '../../api/context';
import { AppError } from '../../api/errors';
import { normalizePhone, orgCountry } from '../../rules/phone';
import { convertUploadAsync, RECORDABLE_PHRASES, toWav } from '../../telephony/prompts';
import { instantAt, todayIn } from '../../../shared/rules/zonedTime';
import type { PromptRecording } from '../../../shared/api/reminders';
import { REMINDER_ENGINE } from './engine';
import { messageFor } from './message';
import { callerIdOf, policyRows, trunkConfig, trunkPasswordContext } from './policy';
import { remindersError } from './settings';
import { attemptTable, recordingTable } from './tables';
import { secretsFor } from '../../mail';

/**
 * What the settings screen tries out: the message for a sample visit (tomorrow 10:30 on the organization's clock) as
 * a WAV for the browser, a test call of it over the saved trunk, and the organization's own recordings of phrases.
 */
async function sampleMessage(ctx: Ctx, lang: string) {
  const { orgId } = me(ctx);
  const org = await ctx.db.selectFrom('org').select('time_zone').where('id', '=', orgId).executeTakeFirstOrThrow();
  const tomorrow = Temporal.PlainDate.from(todayIn(org.time_zone, ctx.clock.now())).add({ days: 1 }).toString();
  return messageFor(ctx, orgId, { lang, start: instantAt(`${tomorrow}T10:30`, org.time_zone)!, zone: org.time_zone });
}

export async function playSample(ctx: Ctx, lang: string): Promise<{ lang: string; wavBase64: string; seconds: number }> {
  const msg = await sampleMessage(ctx, lang);
  return { lang: msg.lang, wavBase64: toWav(msg.pcm).toString('base64'), seconds: Math.round((msg.pcm.length / 8000) * 10) / 10 };
}

/** Writes the test call's attempt and starts the call once that has committed; its progress goes to the caller alone. */
export async function startTestCall(ctx: Ctx, input: { number: string; lang?: string }): Promise<{ callId: string }> {
  const user = me(ctx);
  const to = normalizePhone(input.number, await orgCountry(ctx.db, user.orgId), 'number')!;
  const { org } = await policyRows(ctx.db, user.orgId);
  const orgRow = await ctx.db.selectFrom('org').select('phone').where('id', '=', user.orgId).executeTakeFirstOrThrow();
  const trunk = trunkConfig(org, callerIdOf(null, orgRow.phone, org), (sealed) => secretsFor(ctx.config).decrypt(sealed, trunkPasswordContext(user.orgId)));
  if (!trunk) throw remindersError('conflict', 'no_trunk', 'number');
  const branch = user.branchIds[0] ?? (await ctx.db.selectFrom('branch').select('id').where('org_id', '=', user.orgId).where('deleted_at', 'is', null).orderBy('created_at').executeTakeFirstOrThrow()).id;
  const msg = await sampleMessage(ctx, input.lang ?? user.language);
  const attempt = await attemptTable.in(ctx).insert({
    branch_id: branch,
    reminder_id: null,
    visit_id: null,
    phone: to,
    lang: msg.lang,
    started_at: new Date(ctx.clock.now()).toISOString(),
    ended_at: null,
    outcome: null,
    key: null,
    sip_code: null,
    seconds: 0,
    billable: 0,
    test: 1,
  });
  const engine = ctx.services.get(REMINDER_ENGINE);
  ctx.afterCommit(() => engine.testCall({ orgId: user.orgId, userId: user.id, attemptId: attempt.id, number: to, pcm: msg.pcm, trunk }));
  return { callId: attempt.id };
}

export function toRecording(r: { id: string; lang: string; phrase: string; samples: number; source_name: string | null; updated_at: string }): PromptRecording {
  return { id: r.id, lang: r.lang, phrase: r.phrase, seconds: Math.round((r.samples / 8000) * 10) / 10, sourceName: r.source_name, updatedAt: r.updated_at };
}

/** Replaces the organization's recording of a phrase in a language with the uploaded WAV, converted to 8 kHz. */
export async function uploadRecording(ctx: Ctx, input: { lang: string; phrase: string; wavBase64: string; fileName?: string | null }): Promise<PromptRecording> {
  if (!(RECORDABLE_PHRASES as readonly string[]).includes(input.phrase)) throw remindersError('validation', 'phrase_unknown', 'phrase');
  let pcm: Int16Array;
  try {
    // Converted in slices that give the core's thread back: other calls go on while a long recording resamples.
    pcm = await convertUploadAsync(Buffer.from(input.wavBase64, 'base64'));
  } catch (e) {
    // The audio's refusal names its own field; here the file travels as wavBase64.
    if (e instanceof AppError) throw new AppError({ ...e.error, field: 'wavBase64' });
    throw e;
  }
  const values = { lang: input.lang, phrase: input.phrase, wav: toWav(pcm), samples: pcm.length, source_name: input.fileName ?? null };
  const before = await ctx.db.selectFrom('prompt_recording').selectAll().where('org_id', '=', me(ctx).orgId).where('lang', '=', input.lang).where('phrase', '=', input.phrase).where('deleted_at', 'is', null).executeTakeFirst();
  const row = before ? await recordingTable.in(ctx).update(before, values) : await recordingTable.in(ctx).insert(values);
  return toRecording(row);
}

