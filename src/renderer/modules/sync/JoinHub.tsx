import { useEffect } from 'react';
import { Alert, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api';
import { call } from '../../app/api';
import { useApiMutation } from '../../app/apiQuery';
import { useRefusal } from '../../components/recordForm';
import { contractResolver } from '../../components/form';

type JoinForm = { hubUrl: string; code: string; deviceName: string };
const FIELDS = ['hubUrl', 'code', 'deviceName'];

/**
 * The setup wizard's other way in: a branch's new computer joins its organization through the hub by a one-time code
 * instead of founding one. The people's logins arrive with the first pull; the page then opens the login.
 */
export function JoinHub({ onCancel }: { onCancel(): void }) {
  const { t } = useTranslation();
  const form = useForm<JoinForm>({ resolver: contractResolver(api['sync.join'].input), defaultValues: { hubUrl: '', code: '', deviceName: '' } });
  const refusal = useRefusal(form, FIELDS);
  const join = useApiMutation('sync.join', { onMutate: refusal.clearFailure, onError: (e) => refusal.refuse(e) });
  const err = (f: keyof JoinForm) => form.formState.errors[f]?.message as string | undefined;

  // Joined: wait for the first pull to bring the organization, then the login page.
  useEffect(() => {
    if (!join.data) return;
    const timer = setInterval(() => {
      void call('setup.status', {}).then((s) => s.needsSetup || location.reload());
    }, 2_000);
    return () => clearInterval(timer);
  }, [join.data]);

  if (join.data) {
    return (
      <Paper withBorder p="md" data-testid="sync-joining">
        <Group gap="sm">
          <Loader size="sm" />
          <Text size="sm">{t('sync.joining')}</Text>
        </Group>
      </Paper>
    );
  }
  return (
    <form onSubmit={form.handleSubmit((v) => join.mutate(v))} noValidate data-testid="sync-join-form">
      <Stack gap="sm">
        <Title order={1} size="h4">
          {t('sync.joinTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('sync.joinIntro')}
        </Text>
        {refusal.failure && (
          <Alert color="red" role="alert">
            {refusal.failure.text}
          </Alert>
        )}
        <SimpleGrid cols={1} spacing="xs">
          <TextInput label={t('sync.hubUrl')} placeholder="https://hub.example.com" autoFocus {...form.register('hubUrl')} error={err('hubUrl')} data-testid="sync-join-url" />
          <TextInput label={t('sync.code')} autoComplete="off" {...form.register('code')} error={err('code')} data-testid="sync-join-code" />
          <TextInput label={t('sync.deviceName')} {...form.register('deviceName')} error={err('deviceName')} data-testid="sync-join-name" />
        </SimpleGrid>
        <Group justify="space-between">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={join.isPending} data-testid="sync-join">
            {t('sync.join')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
