import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api';
import type { SyncStatus } from '../../../shared/api/sync';
import { call } from '../../app/api';
import { apiQueryKey, useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useFormat } from '../../app/format';
import { problemText } from './conflictText';
import { SettingsForm, useFormShell } from '../../components/FormDialog';
import { NumberField } from '../../components/fields';
import { ErrorBanner, KeyButton, ScreenHeader, cleanedResolver, useScreenKeys } from '../../components/screen';

/**
 * Sync settings (owners and admins): where this installation stands with the hub, its registration by a one-time
 * code, and how often it syncs while online. The device key the hub answers with never reaches this screen.
 */
export function SyncSettingsScreen() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const status = useApiQuery('sync.status', {});
  const refresh = () => void qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('sync.') });
  useScreenKeys({ enabled: true, onRefresh: refresh });
  const s = status.data;

  return (
    <div className="planora-page" data-testid="sync-screen">
      <ScreenHeader title={t('sync.title')}>
        <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} />
      </ScreenHeader>
      <ErrorBanner message={status.error ? errorText(t, status.error) : null} onClose={refresh} />
      {s && (
        <Stack gap="xs" maw={760}>
          <StatusLine status={s} />
          <RegisterForm status={s} />
          {s.state !== 'unregistered' && <IntervalForm status={s} />}
        </Stack>
      )}
    </div>
  );
}

function StatusLine({ status: s }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Paper withBorder p="xs" data-testid="sync-status">
      <Text size="sm" fw={700}>
        {t('sync.status')}: {t(`sync.state_${s.state}`)}
      </Text>
      {s.hubUrl && s.deviceName && <Text size="sm">{t('sync.registeredAs', { name: s.deviceName, hub: s.hubUrl })}</Text>}
      {s.state !== 'unregistered' && (
        <Text size="sm">
          {s.lastSyncAt ? t('sync.lastSync', { at: fmt.dateTime(s.lastSyncAt) }) : t('sync.never')} · {t('sync.pending', { count: s.pending })}
        </Text>
      )}
      {s.problem && (
        <Text size="sm" c="red.8" data-testid="sync-settings-problem">
          {problemText(t, s.problem)}
        </Text>
      )}
    </Paper>
  );
}

type RegisterValues = { hubUrl: string; code: string; deviceName: string };
const REGISTER_FIELDS = ['hubUrl', 'code', 'deviceName'];

function RegisterForm({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm({
    resolver: cleanedResolver(api['sync.register'].input, (v: RegisterValues) => v),
    defaultValues: { hubUrl: status.hubUrl ?? '', code: '', deviceName: status.deviceName ?? '' },
  });
  const { register, formState } = form;
  const { err, shell } = useFormShell(form, REGISTER_FIELDS, async (values) => {
    const next = await call('sync.register', values);
    qc.setQueryData(apiQueryKey('sync.status', {}), next);
    form.reset({ ...values, code: '' });
  });
  return (
    <Paper withBorder p="xs">
      <form onSubmit={shell.onSubmit} noValidate data-testid="sync-register-form">
        <Stack gap={6}>
          <Title order={2} size="h5">
            {status.state === 'unregistered' ? t('sync.register') : t('sync.registerAgain')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('sync.intro')}
          </Text>
          {shell.failure && (
            <Alert color="red" role="alert" p="xs" data-testid="sync-register-failure">
              {shell.failure}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
            <TextInput label={t('sync.hubUrl')} placeholder="https://hub.example.com" {...register('hubUrl')} error={err('hubUrl')} data-testid="sync-hub-url" />
            <TextInput label={t('sync.code')} autoComplete="off" {...register('code')} error={err('code')} data-testid="sync-code" />
            <TextInput label={t('sync.deviceName')} {...register('deviceName')} error={err('deviceName')} data-testid="sync-device-name" />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={formState.isSubmitting} data-testid="sync-register">
              {status.state === 'unregistered' ? t('sync.register') : t('sync.registerAgain')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

type IntervalValues = { seconds: number | string };

function IntervalForm({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toForm = (s: SyncStatus): IntervalValues => ({ seconds: s.intervalSeconds });
  const form = useForm({
    resolver: cleanedResolver(api['sync.setInterval'].input, (v: IntervalValues) => ({ seconds: v.seconds === '' ? undefined : Number(v.seconds) })),
    defaultValues: toForm(status),
  });
  const { err, shell } = useFormShell(form, ['seconds'], async (values) => {
    const next = await call('sync.setInterval', values);
    qc.setQueryData(apiQueryKey('sync.status', {}), next);
    form.reset(toForm(next));
  });
  return (
    <SettingsForm name="sync-interval" readOnly={false} onReset={() => form.reset(toForm(status))} {...shell}>
      <NumberField
        control={form.control}
        name="seconds"
        label={t('sync.interval')}
        description={t('sync.intervalHint')}
        min={5}
        max={3600}
        allowDecimal={false}
        error={err('seconds')}
        w={260}
        data-testid="sync-interval"
      />
    </SettingsForm>
  );
}
