import { useTranslation } from 'react-i18next';
import type { GridRow, GridScope, InterventionDetail } from '../../../shared/api/interventions';
import { call } from '../../app/api';
import { useFormat } from '../../app/format';
import { AllocateDialog, DistributeDialog } from './Assistants';
import { ConfirmDialog, ReasonDialog } from './dialogs';
import { ExportDialog } from './ExportDialog';
import { InterventionForm } from './InterventionForm';
import type { Say } from './ScreenMessage';
import type { ScreenDialogsState } from './useScreenDialogs';
import { ApprovalsPanel } from './ApprovalsPanel';
import { SettingsDialog } from './SettingsDialog';

export interface ScreenDialogsProps {
  dialogs: ScreenDialogsState;
  canApprove: boolean;
  scope: GridScope;
  total: number | null;
  say: Say;
  /** The grid reads again (after a change made here). */
  refresh(): void;
  /** Back to the grid after a form or dialog, unless the person has already gone somewhere else. */
  focusGrid(): void;
  onSaved(d: InterventionDetail, closed: boolean): void;
  /** The form has gone: back to the row it was opened from (or saved). */
  onEditorClosed(): void;
}

/** The interventions screen's form and dialogs, each on the rows it was opened for. */
export function ScreenDialogs({ dialogs: s, canApprove, scope, total, say, refresh, focusGrid, onSaved, onEditorClosed }: ScreenDialogsProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const deleting = (rows: GridRow[] | null) =>
    rows?.length === 1 ? t('interventions.deleteOne', { client: rows[0]!.client, date: fmt.date(`${rows[0]!.docDate}T12:00:00Z`) }) : t('interventions.deleteMany', { count: rows?.length ?? 0 });
  return (
    <>
      <InterventionForm
        key={s.editor.seq}
        opened={s.editor.open}
        id={s.editor.id}
        onClose={s.closeEditor}
        onClosed={onEditorClosed}
        onSaved={onSaved}
      />
      <ConfirmDialog
        opened={!!s.toDelete}
        title={t('interventions.deleteTitle')}
        message={deleting(s.toDelete)}
        confirmLabel={t('common.delete')}
        testId="iv-delete-confirm"
        onConfirm={async () => {
          for (const r of s.toDelete ?? []) await call('interventions.delete', { id: r.id });
          refresh();
        }}
        onClose={() => {
          s.setToDelete(null);
          setTimeout(focusGrid, 50);
        }}
      />
      <ReasonDialog
        opened={!!s.toCancel}
        title={t('interventions.actions.cancelTitle')}
        message={s.toCancel && s.toCancel.length > 1 ? t('interventions.cancelMany', { count: s.toCancel.length }) : s.toCancel?.[0]?.client}
        testId="iv-cancel-dialog"
        onConfirm={async (reason) => {
          let pending = 0;
          for (const r of s.toCancel ?? []) {
            const res = await call('interventions.cancel', { id: r.id, version: r.version, reason });
            if (res.pendingApproval) pending++;
          }
          if (pending) say(t('interventions.form.sentForApproval'), 'orange');
          refresh();
        }}
        onClose={() => s.setToCancel(null)}
      />
      <AllocateDialog
        opened={!!s.allocating}
        rows={s.allocating ?? []}
        onClose={() => s.setAllocating(null)}
        onDone={(n) => {
          say(t('interventions.assist.allocated', { count: n }));
          refresh();
        }}
      />
      <DistributeDialog opened={s.distributing} onClose={() => s.setDistributing(false)} onDone={() => refresh()} />
      <ExportDialog opened={!!s.exporting} scope={scope} columns={s.exporting?.columns ?? []} sort={s.exporting?.sort ?? {}} total={total} onClose={() => s.setExporting(null)} />
      {canApprove && <SettingsDialog opened={s.settingsOpen} onClose={() => s.setSettingsOpen(false)} />}
      {canApprove && (
        <ApprovalsPanel
          opened={s.approvalsOpen}
          onClose={() => s.setApprovalsOpen(false)}
          onOpenIntervention={(id) => {
            s.setApprovalsOpen(false);
            s.openEditor(id);
          }}
        />
      )}
    </>
  );
}
