import type { HandlersFor } from '../../api/context';
import { me } from '../../api/context';
import { secretsFor } from '../../mail';
import { getSettings, remindersError, saveSettings } from './settings';
import { setVisitReminders, visitAttempts, visitReminders } from './visit';
import { usageReport } from './usage';
import { recordingTable } from './tables';

type Names =
  | 'reminders.settings'
  | 'reminders.saveSettings'
  | 'reminders.ofVisit'
  | 'reminders.setForVisit'
  | 'reminders.attempts'
  | 'reminders.testCall'
  | 'reminders.usage'
  | 'reminders.usagePdf'
  | 'reminders.recordings'
  | 'reminders.uploadRecording'
  | 'reminders.deleteRecording'
  | 'reminders.playSample';

export const remindersHandlers: HandlersFor<Names> = {
  'reminders.settings': (_input, ctx) => getSettings(ctx),
  'reminders.saveSettings': (input, ctx) => saveSettings(ctx, input, secretsFor(ctx.config)),
  'reminders.ofVisit': (input, ctx) => visitReminders(ctx, input.visitId),
  'reminders.setForVisit': (input, ctx) => setVisitReminders(ctx, input.visitId, input.offsets, input.channel),
  'reminders.attempts': (input, ctx) => visitAttempts(ctx, input.visitId),
  'reminders.usage': (input, ctx) => usageReport(ctx, input.month, input.branchId),
  async 'reminders.recordings'(_input, ctx) {
    const rows = await ctx.db
      .selectFrom('prompt_recording')
      .select(['id', 'lang', 'phrase', 'samples', 'source_name', 'updated_at'])
      .where('org_id', '=', me(ctx).orgId)
      .where('deleted_at', 'is', null)
      .orderBy('lang')
      .orderBy('phrase')
      .execute();
    return rows.map((r) => ({ id: r.id, lang: r.lang, phrase: r.phrase, seconds: r.samples / 8000, sourceName: r.source_name, updatedAt: r.updated_at }));
  },
  async 'reminders.deleteRecording'(input, ctx) {
    const row = await recordingTable.in(ctx).load(input.id, { key: 'recording_not_found', field: 'id' });
    await recordingTable.in(ctx).remove(row);
    return { ok: true as const };
  },
  // The dialer, the prompts and the usage paper land in the next steps of this branch.
  'reminders.testCall': () => Promise.reject(remindersError('conflict', 'not_ready')),
  'reminders.usagePdf': () => Promise.reject(remindersError('conflict', 'not_ready')),
  'reminders.uploadRecording': () => Promise.reject(remindersError('conflict', 'not_ready')),
  'reminders.playSample': () => Promise.reject(remindersError('conflict', 'not_ready')),
};
