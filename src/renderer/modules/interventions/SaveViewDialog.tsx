import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { errorText } from '../../app/errors';
import { useCan } from '../../app/session';
import type { SavedView } from './Views';

/** Names the current grid as a view (the person's own by default) or a custom report (shared by default). */
export function SaveViewDialog(p: { opened: boolean; kind: 'view' | 'report'; initialName?: string; config: () => string; onClose(): void; onSaved(v: SavedView): void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(p.kind === 'report');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (p.opened) {
      setName(p.initialName ?? '');
      setShared(p.kind === 'report');
      setFailure(null);
    }
  }, [p.opened, p.initialName, p.kind]);
  const save = async () => {
    if (!name.trim()) return setFailure(t('errors.required'));
    setBusy(true);
    try {
      const v = await call('views.save', { module: 'interventions', kind: p.kind, name: name.trim(), shared, config: p.config() });
      p.onSaved(v);
      p.onClose();
    } catch (e) {
      setFailure(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={p.opened} onClose={p.onClose} title={t(p.kind === 'view' ? 'interventions.views.saveTitle' : 'interventions.reports.saveTitle')} size="sm" zIndex={350}>
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
              void save();
            }
          }}
          data-testid={`save-${p.kind}-name`}
        />
        <Checkbox label={t('interventions.views.shared')} checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} disabled={!can('interventions', 'write')} />
        {failure && (
          <Alert color="red" p="xs">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={p.onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save} loading={busy} data-testid={`save-${p.kind}-ok`}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
