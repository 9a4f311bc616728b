import { useState } from 'react';
import { NumberInput, Stack, Switch } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { InterventionSettings } from '../../../shared/api/interventionSettings';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { DialogButtons, DialogFailure, freshDialog } from '../../components/DialogButtons';
import { WarningSettings } from './WarningSettings';

export function useInterventionSettings() {
  return useApiQuery('interventions.settings', {}, { staleTime: 60_000 });
}
/** The module's settings from the seed; only approvers (managers) may change them. */
export const SettingsDialog = freshDialog<{ opened: boolean; onClose(): void }>((t) => t('interventions.settings.title'), 'lg', StoredSettings);

/** Each opening starts from the settings as stored. */
function StoredSettings(p: { onClose(): void }) {
  const settings = useInterventionSettings();
  return settings.data ? <SettingsBody stored={settings.data} onClose={p.onClose} /> : null;
}

function SettingsBody(p: { stored: InterventionSettings; onClose(): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState<InterventionSettings>(p.stored);
  const saving = useApiMutation('interventions.setSettings', {
    onSuccess: (res) => {
      qc.setQueryData(apiQueryKey('interventions.settings', {}), res);
      p.onClose();
    },
  });
  const set = <K extends keyof InterventionSettings>(k: K, val: InterventionSettings[K]) => setV((s) => ({ ...s, [k]: val }));

  const row = (k: 'sendMailToClient' | 'groupsOnLeft' | 'autoResizeColumns' | 'lockSession' | 'approvals' | 'crmOnlineReport') => (
    <Switch
      key={k}
      label={t(`interventions.settings.${k}`)}
      description={t(`interventions.settings.${k}Hint`)}
      checked={v[k]}
      onChange={(e) => set(k, e.currentTarget.checked)}
      data-testid={`setting-${k}`}
    />
  );

  return (
    <Stack gap="sm" data-testid="settings-dialog">
      {row('sendMailToClient')}
      <NumberInput
        label={t('interventions.settings.daysShown')}
        description={t('interventions.settings.daysShownHint')}
        min={1}
        max={62}
        w={260}
        value={v.daysShown}
        onChange={(n) => set('daysShown', typeof n === 'number' ? n : 7)}
        data-testid="setting-daysShown"
      />
      {row('groupsOnLeft')}
      {row('autoResizeColumns')}
      {row('lockSession')}
      <WarningSettings value={v} onChange={set} />
      {row('approvals')}
      {row('crmOnlineReport')}
      <DialogFailure message={saving.error && errorText(t, saving.error)} />
      <DialogButtons onCancel={p.onClose} label={t('common.save')} busy={saving.isPending} onConfirm={() => saving.mutate(v)} testId="settings-save" />
    </Stack>
  );
}
