import type { HandlersFor } from '../../api/context';
import { me } from '../../api/context';
import { secretsFor } from '../../mail';
import { getSettings, saveSettings } from './settings';
import { playSample, startTestCall, toRecording, uploadRecording } from './sample';
import { usagePdf } from './pdf';
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
    return rows.map(toRecording);
  },
  async 'reminders.deleteRecording'(input, ctx) {
    const row = await recordingTable.in(ctx).load(input.id, { key: 'recording_not_found', field: 'id' });
    await recordingTable.in(ctx).remove(row);
    return { ok: true as const };
  },
  'reminders.testCall': (input, ctx) => startTestCall(ctx, input),
  'reminders.usagePdf': (input, ctx) => usagePdf(ctx, input.month, input.branchId),
  'reminders.uploadRecording': (input, ctx) => uploadRecording(ctx, input),
  'reminders.playSample': (input, ctx) => playSample(ctx, input.lang),
};
