import { useState } from 'react';
import { Checkbox, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useCan } from '../../app/session';
import { DialogButtons, DialogFailure, freshDialog } from '../../components/DialogButtons';
import type { SavedView } from './model';

export interface SaveViewDialogProps {
  opened: boolean;
  kind: 'view' | 'report';
  initialName?: string;
  config: () => string;
  onClose(): void;
  onSaved(v: SavedView): void;
  /** Whose grid the view is of: the tasks grid keeps its own views (`tasks.views.save`), shared by those who approve tasks. */
  module?: 'interventions' | 'tasks';
}

/** Names the current grid as a view (the person's own by default) or a custom report (shared by default). */
export const SaveViewDialog = freshDialog<SaveViewDialogProps>((t, p) => t(p.kind === 'view' ? 'interventions.views.saveTitle' : 'interventions.reports.saveTitle'), 'sm', SaveViewBody);

function SaveViewBody(p: SaveViewDialogProps) {
  const { t } = useTranslation();
  const can = useCan();
  const [name, setName] = useState(p.initialName ?? '');
  const [shared, setShared] = useState(p.kind === 'report');
  const [missing, setMissing] = useState(false);
  const onSuccess = (v: SavedView) => {
    p.onSaved(v);
    p.onClose();
  };
  const savingIntervention = useApiMutation('views.save', { onSuccess });
  const savingTask = useApiMutation('tasks.views.save', { onSuccess });
  const saving = p.module === 'tasks' ? savingTask : savingIntervention;
  const save = () => {
    setMissing(!name.trim());
    if (!name.trim()) return;
    const input = { kind: p.kind, name: name.trim(), shared, config: p.config() };
    if (p.module === 'tasks') savingTask.mutate(input);
    else savingIntervention.mutate({ ...input, module: 'interventions' });
  };
  return (
    <Stack gap="xs" data-testid={`save-${p.kind}-dialog`}>
      <Text size="xs" c="dimmed">
        {t('interventions.views.saveHint')}
      </Text>
      <TextInput
        label={t('fields.name')}
        data-autofocus
        value={name}
        maxLength={100}
        onChange={(e) => setName(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            save();
          }
        }}
        data-testid={`save-${p.kind}-name`}
      />
      <Checkbox label={t('interventions.views.shared')} checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} disabled={p.module === 'tasks' ? !can('tasks', 'approve') : !can('interventions', 'write')} data-testid={`save-${p.kind}-shared`} />
      <DialogFailure message={missing ? t('errors.required') : saving.error && errorText(t, saving.error)} />
      <DialogButtons onCancel={p.onClose} label={t('common.save')} busy={saving.isPending} onConfirm={save} testId={`save-${p.kind}-ok`} />
    </Stack>
  );
}
